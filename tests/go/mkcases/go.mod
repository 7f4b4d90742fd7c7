module kci/mkcases

go 1.26
