//! The Kubernetes release judged for, and what differs between releases: the Go release its
//! API server is built with (whose `crypto/x509` parses and verifies client certificates) and
//! the authenticator's own feature gates. One row per release, each citing where its facts come
//! from. The default is the newest release; `--kubernetes 1.NN` (CLI), `kubernetes` (JS API),
//! the page's selector and the element's attribute choose another.
//!
//! What the rows change in a report, measured against each Go release with
//! `scripts/differential.sh` (see `x509::GoRelease`): Go 1.24 reads a T61String as raw bytes and
//! 1.25 on as Latin-1; up to Go 1.26 a subject value of no string type makes `ParseCertificate`
//! fail, 1.27 skips it; and the UID attribute is read from Kubernetes 1.34. What is the same on
//! every row (each says so, so a reader need not guess): negative serial numbers are refused (Go
//! 1.23 on, kept by every row's `godebug default=go1.NN` in go.mod), and RSA keys below 1024 bits
//! neither sign nor verify (Go 1.24 on).

use super::x509::GoRelease;

/// One Kubernetes minor release.
#[derive(Debug, PartialEq, Eq)]
pub struct Release {
    /// Its minor version: 37 is Kubernetes 1.37.
    pub minor: u32,
    /// The Go minor its current patch releases are built with.
    pub go: u32,
    /// Where the Go version comes from.
    pub go_source: &'static str,
    /// Whether upstream still makes patch releases of it (on 2026-12-05).
    pub supported: bool,
    /// Whether a newer minor has been released (false only for the one in development).
    pub released: bool,
    /// Whether the x509 authenticator reads subject attribute 1.3.6.1.4.1.57683.2 as the user's
    /// UID (feature gate `AllowParsingUserUIDFromCertAuth`, on by default from 1.34).
    pub uid_from_certificates: bool,
}

const UID_GATE: &str = "content/en/docs/reference/command-line-tools-reference/feature-gates/AllowParsingUserUIDFromCertAuth.md (alpha, off in 1.33; beta, on by default from 1.34)";

/// Every release the inspector judges for, oldest first.
pub const RELEASES: &[Release] = &[
    Release {
        minor: 33,
        go: 25,
        go_source: "kubernetes/kubernetes#138151 \"[release-1.33] Bump to go 1.25.8\" (2026-04: \"Kubernetes 1.33 is now built with Go 1.25\"); its patch releases before that were built with Go 1.24",
        supported: false,
        released: true,
        uid_from_certificates: false,
    },
    Release {
        minor: 34,
        go: 25,
        go_source: "kubernetes/kubernetes#138150 \"[release-1.34] Bump to go 1.25.8\" (2026-04); #140584 (2026-07, Go 1.25.12); its patch releases before April 2026 were built with Go 1.24",
        supported: false,
        released: true,
        uid_from_certificates: true,
    },
    Release {
        minor: 35,
        go: 25,
        go_source: "kubernetes/kubernetes#140585 \"[release-1.35] Bump images and versions to golang 1.25.12\" (2026-07). A move of the branch to Go 1.26 was proposed in 2026-09 (#142278, closed in favour of #142182); Go 1.25 and 1.26 judge certificates the same way",
        supported: true,
        released: true,
        uid_from_certificates: true,
    },
    Release {
        minor: 36,
        go: 26,
        go_source: "k3s-io/k3s#14230 \"[release-1.36] Update to v1.36.2-k3s1 and Go 1.26.4\" (k3s builds with upstream's Go); not yet checked against the branch's .go-version",
        supported: true,
        released: true,
        uid_from_certificates: true,
    },
    Release {
        minor: 37,
        go: 26,
        go_source: "inferred: the main branch moved to Go 1.27 only on 2026-09-17 (kubernetes/kubernetes#142176), after release-1.37 was cut on Go 1.26; not yet checked against the branch's .go-version",
        supported: true,
        released: true,
        uid_from_certificates: true,
    },
    Release {
        minor: 38,
        go: 27,
        go_source: "kubernetes/kubernetes#142176 \"Bump images and versions to go 1.27.1\" (main branch, 2026-09-17: \"Kubernetes is now built using Go 1.27.1\")",
        supported: true,
        released: false,
        uid_from_certificates: true,
    },
];

/// The newest released Kubernetes: judged when none is given.
pub const DEFAULT_MINOR: u32 = 37;

impl Release {
    /// "1.37" or "v1.37.2" or "37"; `None` for a release not in the table.
    pub fn parse(s: &str) -> Option<&'static Release> {
        let s = s.trim().trim_start_matches('v');
        let minor: u32 = match s.split('.').collect::<Vec<_>>().as_slice() {
            ["1", m, ..] => m.parse().ok()?,
            [m] => m.parse().ok()?,
            _ => return None,
        };
        RELEASES.iter().find(|r| r.minor == minor)
    }

    pub fn default_release() -> &'static Release {
        RELEASES
            .iter()
            .find(|r| r.minor == DEFAULT_MINOR)
            .unwrap_or(&RELEASES[RELEASES.len() - 1])
    }

    pub fn name(&self) -> String {
        format!("1.{}", self.minor)
    }

    /// What the table accepts, for error messages: "1.33 to 1.38".
    pub fn range_text() -> String {
        format!("1.{} to 1.{}", RELEASES[0].minor, RELEASES[RELEASES.len() - 1].minor)
    }

    /// Its status in a word or three.
    pub fn status(&self) -> &'static str {
        match (self.released, self.supported) {
            (false, _) => "in development",
            (true, true) if self.minor == DEFAULT_MINOR => "newest, supported",
            (true, true) => "supported",
            (true, false) => "end of upstream support",
        }
    }
}

/// What a report is judged as: a Kubernetes release, and the Go release that parses for it
/// (that release's own, unless `--go` / `go` chose another, as the differential harness does).
#[derive(Clone, Copy, Debug)]
pub struct Target {
    pub kubernetes: &'static Release,
    pub go: GoRelease,
}

impl Default for Target {
    fn default() -> Self {
        Target::for_release(Release::default_release())
    }
}

impl Target {
    pub fn for_release(kubernetes: &'static Release) -> Target {
        Target {
            kubernetes,
            go: GoRelease(kubernetes.go),
        }
    }

    /// "Kubernetes 1.37 (Go 1.26)".
    pub fn name(&self) -> String {
        if self.go.0 == self.kubernetes.go {
            format!("Kubernetes {} ({})", self.kubernetes.name(), self.go.name())
        } else {
            format!(
                "Kubernetes {} built with {} instead of its Go 1.{}",
                self.kubernetes.name(),
                self.go.name(),
                self.kubernetes.go
            )
        }
    }

    pub fn uid_from_certificates(&self) -> bool {
        self.kubernetes.uid_from_certificates
    }
}

/// What the report says it judged for (`report.judged_for`).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct JudgedFor {
    /// "1.37".
    pub kubernetes: String,
    /// "1.26".
    pub go: String,
    /// Whether this release reads the UID subject attribute.
    pub uid_from_certificates: bool,
    /// Where the release's Go version comes from.
    pub source: String,
}

impl From<&Target> for JudgedFor {
    fn from(t: &Target) -> Self {
        JudgedFor {
            kubernetes: t.kubernetes.name(),
            go: format!("1.{}", t.go.0),
            uid_from_certificates: t.uid_from_certificates(),
            source: t.kubernetes.go_source.to_string(),
        }
    }
}

/// One row as `--releases --json` prints it.
#[derive(serde::Serialize)]
pub struct ReleaseRow {
    pub kubernetes: String,
    pub go: String,
    pub status: &'static str,
    pub uid_from_certificates: bool,
    pub default: bool,
    pub go_source: &'static str,
}

impl From<&Release> for ReleaseRow {
    fn from(r: &Release) -> Self {
        ReleaseRow {
            kubernetes: r.name(),
            go: format!("1.{}", r.go),
            status: r.status(),
            uid_from_certificates: r.uid_from_certificates,
            default: r.minor == DEFAULT_MINOR,
            go_source: r.go_source,
        }
    }
}

/// Every row as a line of text, for `--releases`.
pub fn table_text() -> String {
    let mut out = String::from("Kubernetes  Go    UID attribute  status\n");
    for r in RELEASES.iter().rev() {
        out.push_str(&format!(
            "{:<11} 1.{:<3} {:<14} {}\n            Go: {}\n",
            r.name(),
            r.go,
            if r.uid_from_certificates { "read" } else { "ignored" },
            r.status(),
            r.go_source
        ));
    }
    out.push_str(&format!("\nOn every row: negative serial numbers are refused (Go 1.23 on); RSA keys below 1024 bits neither sign nor verify (Go 1.24 on).\nUID attribute: {UID_GATE}.\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_ordered_and_has_the_default() {
        assert!(RELEASES.windows(2).all(|w| w[0].minor + 1 == w[1].minor));
        assert_eq!(Release::default_release().minor, DEFAULT_MINOR);
        assert!(Release::default_release().released);
        // The newest released one is the default.
        let newest = RELEASES.iter().rev().find(|r| r.released).unwrap();
        assert_eq!(newest.minor, DEFAULT_MINOR);
        // Every Go release in the table is one the differential harness covers.
        assert!(RELEASES.iter().all(|r| GoRelease::KNOWN.contains(&r.go)));
    }

    #[test]
    fn releases_parse_as_people_write_them() {
        assert_eq!(Release::parse("1.33").map(|r| r.minor), Some(33));
        assert_eq!(Release::parse("v1.34.2").map(|r| r.minor), Some(34));
        assert_eq!(Release::parse("36").map(|r| r.minor), Some(36));
        assert_eq!(Release::parse("1.20"), None);
        assert_eq!(Release::parse("2.1"), None);
        assert_eq!(Release::parse(""), None);
    }

    #[test]
    fn a_target_names_both_releases() {
        let t = Target::default();
        assert_eq!(t.name(), "Kubernetes 1.37 (Go 1.26)");
        let mut other = Target::for_release(Release::parse("1.33").unwrap());
        other.go = GoRelease(24);
        assert_eq!(other.name(), "Kubernetes 1.33 built with Go 1.24 instead of its Go 1.25");
        assert!(!other.uid_from_certificates());
    }
}
