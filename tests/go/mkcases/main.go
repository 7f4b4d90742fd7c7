// mkcases writes certificates and CSRs that Go's crypto/x509 judges differently from a lenient
// parser (issue #21), each a PEM file holding the case and, for certificates, the CA that signed
// it. Built from DER with encoding/asn1 (standard library only) so that it can write what
// x509.CreateCertificate refuses to (a negative serial, a serial not minimally encoded, a
// GeneralizedTime with fractional seconds, inner and outer signature algorithms that differ,
// duplicated extensions, an empty extendedKeyUsage, extensions on a version 1 certificate, an
// unknown critical extension); every case is signed for real by the CA's key.
//
//	GOTOOLCHAIN=local go run ./tests/go/mkcases tests/fixtures/go
//	GOTOOLCHAIN=local go run ./tests/go/mkcases --random 1500 --seed 1 DIR   (the differential run)
//
// With --random, every case mixes one choice from each class below (serial encoding, version,
// times, signature algorithms, EKU, duplicated and critical extensions, the string types of the
// subject's CN and O); manifest.tsv names each file's choices, so disagreements add up by class.
//
// The keys are fixed (derived from a seed); ECDSA signatures differ from run to run, so the
// files do too, while what they show does not.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"flag"
	"fmt"
	"math/big"
	mrand "math/rand"
	"os"
	"path/filepath"
	"strings"
)

var (
	oidECDSAWithSHA256 = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidECDSAWithSHA384 = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 3}
	oidKeyUsage        = asn1.ObjectIdentifier{2, 5, 29, 15}
	oidExtKeyUsage     = asn1.ObjectIdentifier{2, 5, 29, 37}
	oidBasicConstr     = asn1.ObjectIdentifier{2, 5, 29, 19}
	oidSAN             = asn1.ObjectIdentifier{2, 5, 29, 17}
	oidClientAuth      = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 2}
	oidServerAuth      = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}
	oidExtensionReq    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 14}
	oidUnknown         = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 57683, 99, 1}
)

// fixedKey makes a P-256 key from a seed, so every run writes the same keys.
func fixedKey(seed string) *ecdsa.PrivateKey {
	h := sha256.Sum256([]byte(seed))
	d := new(big.Int).SetBytes(h[:])
	n := elliptic.P256().Params().N
	d.Mod(d, new(big.Int).Sub(n, big.NewInt(1)))
	d.Add(d, big.NewInt(1))
	k := &ecdsa.PrivateKey{D: d}
	k.PublicKey.Curve = elliptic.P256()
	k.PublicKey.X, k.PublicKey.Y = elliptic.P256().ScalarBaseMult(d.Bytes())
	return k
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func raw(v any) asn1.RawValue {
	return asn1.RawValue{FullBytes: must(asn1.Marshal(v))}
}

func name(cn string, orgs ...string) asn1.RawValue {
	n := pkix.Name{CommonName: cn, Organization: orgs}
	return raw(n.ToRDNSequence())
}

func utc(s string) asn1.RawValue { // s: YYMMDDhhmmssZ
	return asn1.RawValue{Tag: asn1.TagUTCTime, Class: asn1.ClassUniversal, Bytes: []byte(s)}
}

func gen(s string) asn1.RawValue { // s: a GeneralizedTime as written
	return asn1.RawValue{Tag: asn1.TagGeneralizedTime, Class: asn1.ClassUniversal, Bytes: []byte(s)}
}

func integer(b ...byte) asn1.RawValue {
	return asn1.RawValue{Tag: asn1.TagInteger, Class: asn1.ClassUniversal, Bytes: b}
}

func ext(id asn1.ObjectIdentifier, critical bool, value []byte) pkix.Extension {
	return pkix.Extension{Id: id, Critical: critical, Value: value}
}

func eku(oids ...asn1.ObjectIdentifier) []byte {
	if oids == nil {
		oids = []asn1.ObjectIdentifier{}
	}
	return must(asn1.Marshal(oids))
}

func keyUsage(bits byte) []byte {
	return must(asn1.Marshal(asn1.BitString{Bytes: []byte{bits}, BitLength: 8}))
}

type validity struct {
	NotBefore, NotAfter asn1.RawValue
}

// tbs is a TBSCertificate with every field open to mutation.
type tbs struct {
	Version    asn1.RawValue `asn1:"optional"`
	Serial     asn1.RawValue
	SigAlg     pkix.AlgorithmIdentifier
	Issuer     asn1.RawValue
	Validity   validity
	Subject    asn1.RawValue
	SPKI       asn1.RawValue
	Extensions []pkix.Extension `asn1:"optional,explicit,tag:3"`
}

type certificate struct {
	TBS       asn1.RawValue
	SigAlg    pkix.AlgorithmIdentifier
	Signature asn1.BitString
}

func v3() asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: must(asn1.Marshal(2))}
}

func spki(k *ecdsa.PrivateKey) asn1.RawValue {
	return asn1.RawValue{FullBytes: must(x509.MarshalPKIXPublicKey(&k.PublicKey))}
}

func sign(k *ecdsa.PrivateKey, data []byte) []byte {
	h := sha256.Sum256(data)
	return must(ecdsa.SignASN1(rand.Reader, k, h[:]))
}

// certDER signs t with the CA key; outer is the outer signature algorithm (nil: the inner one).
func certDER(t tbs, ca *ecdsa.PrivateKey, outer asn1.ObjectIdentifier) []byte {
	tb := must(asn1.Marshal(t))
	alg := t.SigAlg
	if outer != nil {
		alg = pkix.AlgorithmIdentifier{Algorithm: outer}
	}
	return must(asn1.Marshal(certificate{TBS: asn1.RawValue{FullBytes: tb}, SigAlg: alg, Signature: asn1.BitString{Bytes: sign(ca, tb), BitLength: 8 * len(sign(ca, tb))}}))
}

func main() {
	random := flag.Int("random", 0, "write this many generated cases instead of the fixed ones")
	seed := flag.Int64("seed", 1, "the generator's seed")
	flag.Parse()
	dir := flag.Arg(0)
	if *random > 0 {
		generate(dir, *random, *seed)
		return
	}
	must(0, os.MkdirAll(dir, 0o755))
	caKey := fixedKey("kci-go-cases-ca")
	leafKey := fixedKey("kci-go-cases-leaf")
	ecdsa256 := pkix.AlgorithmIdentifier{Algorithm: oidECDSAWithSHA256}
	caName := name("go-cases-ca")
	caTBS := tbs{
		Version: v3(), Serial: integer(0x01), SigAlg: ecdsa256, Issuer: caName,
		Validity: validity{utc("260101000000Z"), utc("360101000000Z")}, Subject: caName, SPKI: spki(caKey),
		Extensions: []pkix.Extension{
			ext(oidBasicConstr, true, must(asn1.Marshal(struct{ IsCA bool }{true}))),
			ext(oidKeyUsage, true, keyUsage(0x06)), // keyCertSign, cRLSign
		},
	}
	caDER := certDER(caTBS, caKey, nil)
	// A client certificate as kubeadm would make it; each case changes one thing.
	leaf := func() tbs {
		return tbs{
			Version: v3(), Serial: integer(0x10, 0x01), SigAlg: ecdsa256, Issuer: caName,
			Validity: validity{utc("260101000000Z"), utc("360101000000Z")},
			Subject:  name("amy", "developers"), SPKI: spki(leafKey),
			Extensions: []pkix.Extension{
				ext(oidKeyUsage, true, keyUsage(0x80)), // digitalSignature
				ext(oidExtKeyUsage, false, eku(oidClientAuth)),
			},
		}
	}
	cases := map[string]func() ([]byte, asn1.ObjectIdentifier){}
	add := func(n string, f func(t *tbs) asn1.ObjectIdentifier) {
		cases[n] = func() ([]byte, asn1.ObjectIdentifier) {
			t := leaf()
			outer := f(&t)
			return certDER(t, caKey, outer), outer
		}
	}
	add("cert-go-control", func(t *tbs) asn1.ObjectIdentifier { return nil })
	add("cert-go-negative-serial", func(t *tbs) asn1.ObjectIdentifier { t.Serial = integer(0xff, 0x01); return nil })
	add("cert-go-serial-not-minimal", func(t *tbs) asn1.ObjectIdentifier { t.Serial = integer(0x00, 0x10, 0x01); return nil })
	add("cert-go-generalizedtime-fraction", func(t *tbs) asn1.ObjectIdentifier {
		t.Validity.NotBefore = gen("20260101000000.5Z")
		return nil
	})
	add("cert-go-generalizedtime-no-seconds", func(t *tbs) asn1.ObjectIdentifier {
		t.Validity.NotAfter = gen("203601010000Z")
		return nil
	})
	add("cert-go-utctime-no-z", func(t *tbs) asn1.ObjectIdentifier { t.Validity.NotAfter = utc("360101000000+0000"); return nil })
	// x509-parser refuses this one too, and the report gives Go's words for it.
	add("cert-go-utctime-feb30", func(t *tbs) asn1.ObjectIdentifier { t.Validity.NotBefore = utc("260230000000Z"); return nil })
	add("cert-go-sigalg-mismatch", func(t *tbs) asn1.ObjectIdentifier { return oidECDSAWithSHA384 })
	add("cert-go-duplicate-extension", func(t *tbs) asn1.ObjectIdentifier {
		t.Extensions = append(t.Extensions, ext(oidExtKeyUsage, false, eku(oidClientAuth)))
		return nil
	})
	add("cert-go-empty-eku", func(t *tbs) asn1.ObjectIdentifier {
		t.Extensions[1] = ext(oidExtKeyUsage, false, eku())
		return nil
	})
	add("cert-go-v1-with-server-eku", func(t *tbs) asn1.ObjectIdentifier {
		t.Version = asn1.RawValue{}
		t.Extensions[1] = ext(oidExtKeyUsage, false, eku(oidServerAuth))
		return nil
	})
	add("cert-go-unknown-critical-extension", func(t *tbs) asn1.ObjectIdentifier {
		t.Extensions = append(t.Extensions, ext(oidUnknown, true, must(asn1.Marshal("x"))))
		return nil
	})
	// Read differently by Go releases (scripts/differential.sh --go): a T61String above 0x7f
	// (raw bytes in 1.24, Latin-1 from 1.25), an O of no string type (refused up to 1.26, skipped in 1.27).
	add("cert-go-t61-latin1", func(t *tbs) asn1.ObjectIdentifier {
		t.Subject = rawName(str(20, "d\xe9v"), str(20, "am\xe9"))
		return nil
	})
	add("cert-go-o-not-a-string", func(t *tbs) asn1.ObjectIdentifier {
		t.Subject = rawName(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagInteger, Bytes: []byte{0x02}}, str(12, "amy"))
		return nil
	})
	add("cert-go-unknown-noncritical-extension", func(t *tbs) asn1.ObjectIdentifier {
		t.Extensions = append(t.Extensions, ext(oidUnknown, false, must(asn1.Marshal("x"))))
		return nil
	})
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	for n, f := range cases {
		der, _ := f()
		out := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), caPEM...)
		must(0, os.WriteFile(filepath.Join(dir, n+".pem"), out, 0o644))
	}
	// A client certificate under a CA whose extended key usage is server auth only: Go checks
	// the usage of every certificate of the chain.
	serverCA := caTBS
	serverCA.Extensions = append(append([]pkix.Extension{}, caTBS.Extensions...), ext(oidExtKeyUsage, false, eku(oidServerAuth)))
	control, _ := cases["cert-go-control"]()
	must(0, os.WriteFile(filepath.Join(dir, "cert-go-ca-server-eku.pem"), append(
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: control}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER(serverCA, caKey, nil)})...), 0o644))
	// CSRs: the control, and one whose extensionRequest holds the SAN extension twice.
	csr := func(exts []pkix.Extension) []byte {
		attrs := []any{}
		if exts != nil {
			attrs = append(attrs, struct {
				Type   asn1.ObjectIdentifier
				Values []asn1.RawValue `asn1:"set"`
			}{oidExtensionReq, []asn1.RawValue{raw(exts)}})
		}
		info := struct {
			Version int
			Subject asn1.RawValue
			SPKI    asn1.RawValue
			Attrs   []any `asn1:"tag:0"`
		}{0, name("amy", "developers"), spki(leafKey), attrs}
		ib := must(asn1.Marshal(info))
		sig := sign(leafKey, ib)
		return must(asn1.Marshal(struct {
			Info   asn1.RawValue
			Alg    pkix.AlgorithmIdentifier
			Signed asn1.BitString
		}{asn1.RawValue{FullBytes: ib}, ecdsa256, asn1.BitString{Bytes: sig, BitLength: 8 * len(sig)}}))
	}
	san := func(dns string) pkix.Extension {
		return ext(oidSAN, false, must(asn1.Marshal([]asn1.RawValue{{Class: asn1.ClassContextSpecific, Tag: 2, Bytes: []byte(dns)}})))
	}
	for n, der := range map[string][]byte{
		"csr-go-control":             csr([]pkix.Extension{san("amy.example")}),
		"csr-go-duplicate-extension": csr([]pkix.Extension{san("amy.example"), san("other.example")}),
	} {
		must(0, os.WriteFile(filepath.Join(dir, n+".pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}), 0o644))
	}
	fmt.Printf("wrote %d cases to %s\n", len(cases)+3, dir)
}

// A choice within one class: its label, and what it does to the certificate being made.
type choice struct {
	label string
	apply func(t *tbs, outer *asn1.ObjectIdentifier)
}

// str is an attribute value with an explicit ASN.1 string type.
func str(tag int, v string) asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassUniversal, Tag: tag, Bytes: []byte(v)}
}

func bmp(v string) asn1.RawValue {
	var b []byte
	for _, r := range v {
		b = append(b, byte(r>>8), byte(r))
	}
	return asn1.RawValue{Class: asn1.ClassUniversal, Tag: 30, Bytes: b}
}

type atv struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue
}

// rawName is a subject of one O then one CN, each value as given.
func rawName(o, cn asn1.RawValue) asn1.RawValue {
	rdn := func(t asn1.ObjectIdentifier, v asn1.RawValue) []atv { return []atv{{t, v}} }
	b := must(asn1.Marshal([]asn1.RawValue{
		{FullBytes: must(asn1.MarshalWithParams(rdn(asn1.ObjectIdentifier{2, 5, 4, 10}, o), "set"))},
		{FullBytes: must(asn1.MarshalWithParams(rdn(asn1.ObjectIdentifier{2, 5, 4, 3}, cn), "set"))},
	}))
	return asn1.RawValue{FullBytes: b}
}

func generate(dir string, n int, seed int64) {
	must(0, os.MkdirAll(dir, 0o755))
	r := mrand.New(mrand.NewSource(seed))
	caKey := fixedKey("kci-go-cases-ca")
	leafKey := fixedKey("kci-go-cases-leaf")
	ecdsa256 := pkix.AlgorithmIdentifier{Algorithm: oidECDSAWithSHA256}
	caName := name("go-cases-ca")
	caDER := certDER(tbs{
		Version: v3(), Serial: integer(0x01), SigAlg: ecdsa256, Issuer: caName,
		Validity: validity{utc("260101000000Z"), utc("360101000000Z")}, Subject: caName, SPKI: spki(caKey),
		Extensions: []pkix.Extension{
			ext(oidBasicConstr, true, must(asn1.Marshal(struct{ IsCA bool }{true}))),
			ext(oidKeyUsage, true, keyUsage(0x06)),
		},
	}, caKey, nil)
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	// The same CA (name and key) with an extended key usage: Go checks every certificate's
	// usage along the chain.
	caWithEKU := func(value []byte) []byte {
		return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER(tbs{
			Version: v3(), Serial: integer(0x02), SigAlg: ecdsa256, Issuer: caName,
			Validity: validity{utc("260101000000Z"), utc("360101000000Z")}, Subject: caName, SPKI: spki(caKey),
			Extensions: []pkix.Extension{
				ext(oidBasicConstr, true, must(asn1.Marshal(struct{ IsCA bool }{true}))),
				ext(oidKeyUsage, true, keyUsage(0x06)),
				ext(oidExtKeyUsage, false, value),
			},
		}, caKey, nil)})
	}
	cas := []struct {
		label string
		pem   []byte
	}{
		{"ca-eku=absent", caPEM},
		{"ca-eku=server", caWithEKU(eku(oidServerAuth))},
		{"ca-eku=client", caWithEKU(eku(oidClientAuth))},
		{"ca-eku=any", caWithEKU(eku(asn1.ObjectIdentifier{2, 5, 29, 37, 0}))},
		{"ca-eku=empty", caWithEKU(eku())},
	}
	setEKU := func(t *tbs, value []byte, present bool) {
		var out []pkix.Extension
		for _, e := range t.Extensions {
			if !e.Id.Equal(oidExtKeyUsage) {
				out = append(out, e)
			}
		}
		if present {
			out = append(out, ext(oidExtKeyUsage, false, value))
		}
		t.Extensions = out
	}
	classes := [][]choice{
		{ // serial
			{"serial=positive", func(t *tbs, _ *asn1.ObjectIdentifier) {}},
			{"serial=negative", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Serial = integer(0x80, 0x01) }},
			{"serial=zero", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Serial = integer(0x00) }},
			{"serial=not-minimal", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Serial = integer(0x00, 0x01) }},
			{"serial=not-minimal-negative", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Serial = integer(0xff, 0x80) }},
			{"serial=20-bytes", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Serial = integer(append([]byte{0x7f}, make([]byte, 19)...)...) }},
		},
		{ // version
			{"version=3", func(t *tbs, _ *asn1.ObjectIdentifier) {}},
			{"version=1-implicit", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Version = asn1.RawValue{} }},
			{"version=2", func(t *tbs, _ *asn1.ObjectIdentifier) {
				t.Version = asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: must(asn1.Marshal(1))}
			}},
			{"version=4-invalid", func(t *tbs, _ *asn1.ObjectIdentifier) {
				t.Version = asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: must(asn1.Marshal(3))}
			}},
		},
		{ // notBefore
			{"time=utc", func(t *tbs, _ *asn1.ObjectIdentifier) {}},
			{"time=utc-minutes", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Validity.NotBefore = utc("2601010000Z") }},
			{"time=utc-offset", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Validity.NotBefore = utc("260101000000+0100") }},
			{"time=utc-plus0000", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Validity.NotBefore = utc("260101000000+0000") }},
			{"time=utc-no-zone", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Validity.NotBefore = utc("260101000000") }},
			{"time=utc-feb30", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Validity.NotBefore = utc("260230000000Z") }},
			{"time=generalized", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Validity.NotBefore = gen("20260101000000Z") }},
			{"time=generalized-fraction", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Validity.NotBefore = gen("20260101000000.25Z") }},
			{"time=generalized-no-seconds", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Validity.NotBefore = gen("202601010000Z") }},
			{"time=generalized-plus0000", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Validity.NotBefore = gen("20260101000000+0000") }},
		},
		{ // signature algorithms
			{"sigalg=same", func(t *tbs, _ *asn1.ObjectIdentifier) {}},
			{"sigalg=outer-differs", func(t *tbs, outer *asn1.ObjectIdentifier) { *outer = oidECDSAWithSHA384 }},
		},
		{ // extended key usage
			{"eku=client", func(t *tbs, _ *asn1.ObjectIdentifier) {}},
			{"eku=absent", func(t *tbs, _ *asn1.ObjectIdentifier) { setEKU(t, nil, false) }},
			{"eku=empty", func(t *tbs, _ *asn1.ObjectIdentifier) { setEKU(t, eku(), true) }},
			{"eku=server", func(t *tbs, _ *asn1.ObjectIdentifier) { setEKU(t, eku(oidServerAuth), true) }},
			{"eku=any", func(t *tbs, _ *asn1.ObjectIdentifier) {
				setEKU(t, eku(asn1.ObjectIdentifier{2, 5, 29, 37, 0}), true)
			}},
			{"eku=unknown-only", func(t *tbs, _ *asn1.ObjectIdentifier) { setEKU(t, eku(oidUnknown), true) }},
		},
		{ // extensions
			{"ext=plain", func(t *tbs, _ *asn1.ObjectIdentifier) {}},
			{"ext=duplicate-keyusage", func(t *tbs, _ *asn1.ObjectIdentifier) {
				t.Extensions = append(t.Extensions, ext(oidKeyUsage, true, keyUsage(0x80)))
			}},
			{"ext=unknown-critical", func(t *tbs, _ *asn1.ObjectIdentifier) {
				t.Extensions = append(t.Extensions, ext(oidUnknown, true, must(asn1.Marshal("x"))))
			}},
			{"ext=unknown-noncritical", func(t *tbs, _ *asn1.ObjectIdentifier) {
				t.Extensions = append(t.Extensions, ext(oidUnknown, false, must(asn1.Marshal("x"))))
			}},
			{"ext=critical-ski", func(t *tbs, _ *asn1.ObjectIdentifier) {
				t.Extensions = append(t.Extensions, ext(asn1.ObjectIdentifier{2, 5, 29, 14}, true, must(asn1.Marshal([]byte{1, 2, 3}))))
			}},
			{"ext=critical-san-dns", func(t *tbs, _ *asn1.ObjectIdentifier) {
				t.Extensions = append(t.Extensions, ext(oidSAN, true, must(asn1.Marshal([]asn1.RawValue{{Class: asn1.ClassContextSpecific, Tag: 2, Bytes: []byte("amy.example")}}))))
			}},
		},
		{ // the subject's string types
			{"name=utf8", func(t *tbs, _ *asn1.ObjectIdentifier) {}},
			{"name=printable", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Subject = rawName(str(19, "developers"), str(19, "amy")) }},
			{"name=printable-underscore", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Subject = rawName(str(19, "dev_ops"), str(19, "amy")) }},
			{"name=t61", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Subject = rawName(str(20, "system:masters"), str(20, "amy")) }},
			{"name=bmp", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Subject = rawName(bmp("system:masters"), bmp("amy")) }},
			{"name=ia5", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Subject = rawName(str(22, "developers"), str(22, "amy")) }},
			{"name=utf8-invalid", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Subject = rawName(str(12, "dev\xffops"), str(12, "amy")) }},
			// Read differently by Go releases: a T61String with a byte above 0x7f (raw bytes in Go
			// 1.24, Latin-1 in 1.26), and an O of no string type (refused up to Go 1.26, skipped in
			// 1.27).
			{"name=t61-latin1", func(t *tbs, _ *asn1.ObjectIdentifier) { t.Subject = rawName(str(20, "d\xe9v"), str(20, "am\xe9")) }},
			{"name=o-not-a-string", func(t *tbs, _ *asn1.ObjectIdentifier) {
				t.Subject = rawName(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagInteger, Bytes: []byte{0x02}}, str(12, "amy"))
			}},
		},
	}
	var manifest strings.Builder
	manifest.WriteString("file\tclasses\n")
	for i := 0; i < n; i++ {
		t := tbs{
			Version: v3(), Serial: integer(0x10, 0x01), SigAlg: ecdsa256, Issuer: caName,
			Validity: validity{utc("260101000000Z"), utc("360101000000Z")},
			Subject:  name("amy", "developers"), SPKI: spki(leafKey),
			Extensions: []pkix.Extension{
				ext(oidKeyUsage, true, keyUsage(0x80)),
				ext(oidExtKeyUsage, false, eku(oidClientAuth)),
			},
		}
		var outer asn1.ObjectIdentifier
		var labels []string
		for _, class := range classes {
			// The first choice (the ordinary one) half the time, so the others meet each other.
			c := class[0]
			if r.Intn(2) == 0 {
				c = class[r.Intn(len(class))]
			}
			c.apply(&t, &outer)
			labels = append(labels, c.label)
		}
		ca := cas[0]
		if r.Intn(2) == 0 {
			ca = cas[r.Intn(len(cas))]
		}
		labels = append(labels, ca.label)
		f := fmt.Sprintf("rand-%04d.pem", i)
		out := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER(t, caKey, outer)}), ca.pem...)
		must(0, os.WriteFile(filepath.Join(dir, f), out, 0o644))
		manifest.WriteString(f + "\t" + strings.Join(labels, ",") + "\n")
	}
	must(0, os.WriteFile(filepath.Join(dir, "manifest.tsv"), []byte(manifest.String()), 0o644))
	fmt.Printf("wrote %d generated cases to %s (seed %d)\n", n, dir, seed)
}
