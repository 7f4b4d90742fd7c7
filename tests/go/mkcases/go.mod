module kci/mkcases

go 1.21
