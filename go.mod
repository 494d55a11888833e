module github.com/gopatched/gopatched

go 1.26.0

require golang.org/x/mod v0.43.0

require (
	github.com/aymanbagabas/go-udiff v0.4.2 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/term v0.48.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
