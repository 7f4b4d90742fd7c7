// oracle says what Go's crypto/x509 (the code kube-apiserver runs) makes of each file: whether
// ParseCertificate or ParseCertificateRequest accepts its first PEM block (and Go's error when
// not), the username (the subject's CommonName) and groups (its Organization values), and for a
// certificate whether it logs in: Verify with ExtKeyUsageClientAuth against the other
// certificates of the file as roots, at the given instant (kube-apiserver's x509 authenticator).
// One JSON line per file.
//
//	GOTOOLCHAIN=local go run ./tests/go/oracle --now 2026-11-24T00:00:00Z FILE...
package main

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"
)

type answer struct {
	File       string   `json:"file"`
	Go         string   `json:"go"`
	Kind       string   `json:"kind"`
	ParseError string   `json:"parse_error,omitempty"`
	Username   string   `json:"username,omitempty"`
	Groups     []string `json:"groups,omitempty"`
	// Certificates: "" when Verify with client auth succeeds, else Go's error.
	LoginError string `json:"login_error,omitempty"`
	LogsIn     bool   `json:"logs_in"`
	// CSRs: CheckSignature's error, "" when the signature verifies.
	SignatureError string `json:"signature_error,omitempty"`
}

func main() {
	nowFlag := flag.String("now", "2026-11-24T00:00:00Z", "the instant Verify judges validity at")
	flag.Parse()
	now, err := time.Parse(time.RFC3339, *nowFlag)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(64)
	}
	enc := json.NewEncoder(os.Stdout)
	for _, f := range flag.Args() {
		a := answer{File: f, Go: runtime.Version()}
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(66)
		}
		var blocks []*pem.Block
		for {
			var b *pem.Block
			b, data = pem.Decode(data)
			if b == nil {
				break
			}
			blocks = append(blocks, b)
		}
		if len(blocks) == 0 {
			a.ParseError = "no PEM block"
			_ = enc.Encode(a)
			continue
		}
		switch blocks[0].Type {
		case "CERTIFICATE REQUEST":
			a.Kind = "csr"
			r, err := x509.ParseCertificateRequest(blocks[0].Bytes)
			if err != nil {
				a.ParseError = err.Error()
				break
			}
			a.Username, a.Groups = r.Subject.CommonName, r.Subject.Organization
			if err := r.CheckSignature(); err != nil {
				a.SignatureError = err.Error()
			}
		default:
			a.Kind = "certificate"
			c, err := x509.ParseCertificate(blocks[0].Bytes)
			if err != nil {
				a.ParseError = err.Error()
				break
			}
			a.Username, a.Groups = c.Subject.CommonName, c.Subject.Organization
			roots := x509.NewCertPool()
			for _, b := range blocks[1:] {
				if rc, err := x509.ParseCertificate(b.Bytes); err == nil {
					roots.AddCert(rc)
				}
			}
			_, err = c.Verify(x509.VerifyOptions{Roots: roots, CurrentTime: now, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
			if err != nil {
				a.LoginError = err.Error()
			}
			a.LogsIn = err == nil && c.Subject.CommonName != ""
		}
		_ = enc.Encode(a)
	}
}
