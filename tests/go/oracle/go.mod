module kci/oracle

go 1.26
