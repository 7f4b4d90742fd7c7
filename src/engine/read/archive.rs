//! Reader of `.tar`, `.tar.gz` and `.tgz` archives (`tar czf pki.tgz -C /etc kubernetes`): the
//! regular files inside, each with its path, bounded like any input. The `tar` crate reads the
//! headers (ustar, GNU and PAX long names), `flate2` (pure-Rust miniz_oxide) the gzip layer.

use std::io::Read;

use super::sniff::MAX_INPUT_BYTES;
use crate::engine::Input;

/// At most this many entries are looked at (a control-plane node's /etc/kubernetes has ~30).
pub const MAX_ENTRIES: usize = 2000;
/// At most this many bytes are unpacked in all (a decompression bomb stops here).
pub const MAX_UNPACKED: u64 = 32 * 1024 * 1024;

/// What an archive holds.
#[derive(Default, Debug)]
pub struct Entries {
    /// The regular files: (path, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// What was skipped, and why.
    pub notes: Vec<String>,
    /// Each file's mode and owner, as its header gives them.
    pub metas: Vec<FileMeta>,
    /// Symbolic links: (path, target as written). A kubelet keeps its client certificate behind
    /// one (`kubelet-client-current.pem` -> `kubelet-client-2026-06-01-00-00-00.pem`).
    pub links: Vec<(String, String)>,
}

/// A file's permission bits and owner, from an archive's header (issue #26, "protect private
/// keys"). A mode of 0 is taken as not known: the page packs a dropped folder with mode 0, since a
/// browser cannot see modes.
#[derive(Clone, Debug, PartialEq)]
pub struct FileMeta {
    pub path: String,
    /// The permission bits (`0o644`).
    pub mode: u32,
    /// The owner's name when the header has one, else its uid ("uid 1000").
    pub owner: String,
}

pub fn is_gzip(b: &[u8]) -> bool {
    b.starts_with(&[0x1f, 0x8b])
}

/// A POSIX (ustar) or GNU tar header: "ustar" at offset 257.
pub fn is_tar(b: &[u8]) -> bool {
    b.len() >= 512 && &b[257..262] == b"ustar"
}

pub fn is_archive(b: &[u8]) -> bool {
    is_gzip(b) || is_tar(b)
}

/// The files inside: (path, bytes), and notes on what was skipped. `Err` says what was expected
/// and what was found.
pub fn files(bytes: &[u8]) -> Result<Entries, String> {
    if is_gzip(bytes) {
        let mut unpacked = Vec::new();
        let mut gz = flate2::read::MultiGzDecoder::new(bytes).take(MAX_UNPACKED + 1);
        gz.read_to_end(&mut unpacked)
            .map_err(|e| format!("expected gzip data, but it does not decompress ({e})"))?;
        if unpacked.len() as u64 > MAX_UNPACKED {
            return Err(format!(
                "the gzip data unpacks to more than {} MiB; expected an archive of a node's /etc/kubernetes (well under 1 MiB)",
                MAX_UNPACKED / 1048576
            ));
        }
        if !is_tar(&unpacked) {
            return Err(
                "gzip of something that is not a tar archive; expected .tar.gz or .tgz (tar czf pki.tgz -C /etc kubernetes)".into(),
            );
        }
        return untar(&unpacked);
    }
    untar(bytes)
}

fn untar(bytes: &[u8]) -> Result<Entries, String> {
    let mut e = Entries::default();
    let mut archive = tar::Archive::new(bytes);
    let entries = archive
        .entries()
        .map_err(|e| format!("expected a tar archive, but it does not read ({e})"))?;
    let mut total: u64 = 0;
    let (mut links, mut others) = (0usize, 0usize);
    for (i, entry) in entries.enumerate() {
        if i >= MAX_ENTRIES {
            e.notes.push(format!(
                "the archive has more than {MAX_ENTRIES} entries; the first {MAX_ENTRIES} were read"
            ));
            break;
        }
        let mut entry = entry.map_err(|e| format!("the tar archive is damaged at entry {} ({e})", i + 1))?;
        let kind = entry.header().entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() || kind.is_pax_local_extensions() || kind.is_gnu_longname() {
            continue;
        }
        if kind.is_symlink() || kind.is_hard_link() {
            let path = entry.path().map(|p| p.to_string_lossy().trim_start_matches("./").to_string());
            let target = entry.link_name().ok().flatten().map(|t| t.to_string_lossy().to_string());
            match (path, target) {
                (Ok(p), Some(t)) if e.links.len() < MAX_ENTRIES => e.links.push((p, t)),
                _ => links += 1,
            }
            continue;
        }
        if !kind.is_file() {
            others += 1;
            continue;
        }
        let path = entry
            .path()
            .map(|p| p.to_string_lossy().trim_start_matches("./").to_string())
            .unwrap_or_else(|_| format!("entry {}", i + 1));
        let size = entry.header().size().unwrap_or(0);
        let mode = entry.header().mode().unwrap_or(0) & 0o7777;
        if mode != 0 {
            let owner = match entry.header().username() {
                Ok(Some(name)) if !name.is_empty() => name.to_string(),
                _ => format!("uid {}", entry.header().uid().unwrap_or(0)),
            };
            e.metas.push(FileMeta {
                path: path.clone(),
                mode,
                owner,
            });
        }
        if total + size > MAX_UNPACKED {
            e.notes.push(format!(
                "{path} and later entries were not read: more than {} MiB unpacked",
                MAX_UNPACKED / 1048576
            ));
            break;
        }
        let mut data = Vec::with_capacity(size.min(1 << 20) as usize);
        (&mut entry)
            .take(MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("{path}: the tar entry does not read ({e})"))?;
        total += data.len() as u64;
        if data.len() > MAX_INPUT_BYTES {
            e.notes
                .push(format!("{path}: larger than {} MiB, not read", MAX_INPUT_BYTES / 1048576));
            continue;
        }
        e.files.push((path, data));
    }
    if links > 0 {
        e.notes.push(format!("{links} links in the archive were not followed"));
    }
    if others > 0 {
        e.notes.push(format!("{others} entries that are not regular files were skipped"));
    }
    Ok(e)
}

/// The inputs with every archive among them unpacked: the files that are not archives, then the
/// files inside the archives, each named by its path; with what unpacking found to say.
pub struct Unpacked {
    whole: Vec<usize>,
    inside: Vec<(String, Vec<u8>)>,
    /// The modes and owners the archives' headers give, by path.
    pub files: Vec<FileMeta>,
    /// The archives' symbolic links: (path, target as written).
    pub links: Vec<(String, String)>,
    pub detected: Vec<String>,
    pub notes: Vec<String>,
}

/// Unpacks the archives (.tar, .tar.gz, .tgz) among `files`. An archive that cannot be read is
/// not read again as something else.
pub fn unpack(given: &[Input]) -> Unpacked {
    let mut u = Unpacked {
        whole: Vec::new(),
        inside: Vec::new(),
        files: Vec::new(),
        links: Vec::new(),
        detected: Vec::new(),
        notes: Vec::new(),
    };
    for (i, f) in given.iter().enumerate() {
        if !is_archive(f.bytes) {
            u.whole.push(i);
            continue;
        }
        let what = if f.name.is_empty() {
            "the archive".to_string()
        } else {
            f.name.to_string()
        };
        if f.bytes.len() > MAX_INPUT_BYTES {
            u.notes.push(format!(
                "{what}: an archive of {:.1} MiB; expected at most {} MiB (a node's /etc/kubernetes packs to well under 1 MiB).",
                f.bytes.len() as f64 / 1048576.0,
                MAX_INPUT_BYTES / 1048576
            ));
            continue;
        }
        match files(f.bytes) {
            Ok(Entries {
                files: inside,
                notes,
                metas,
                links,
            }) => {
                let label = if f.name.is_empty() { String::new() } else { format!(" {}", f.name) };
                u.detected.push(format!("Archive{label}: {} files", inside.len()));
                if metas.is_empty() && !inside.is_empty() {
                    u.detected.push(format!(
                        "Archive{label}: no file modes recorded (a folder picked in a browser cannot show them; tar czf keeps them), so who may read its keys is not judged"
                    ));
                }
                u.files.extend(metas);
                u.links.extend(links);
                u.notes.extend(notes.into_iter().map(|n| format!("{what}: {n}.")));
                u.inside.extend(inside);
            }
            Err(e) => u.notes.push(format!("{what}: {e}.")),
        }
    }
    u
}

impl Unpacked {
    /// What is read: the inputs that were not archives, then every file inside the archives.
    pub fn inputs<'a>(&'a self, files: &[Input<'a>]) -> Vec<Input<'a>> {
        self.whole
            .iter()
            .map(|&i| files[i])
            .chain(self.inside.iter().map(|(n, bytes)| Input { name: n, bytes }))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Vec<u8> {
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pki/healthy.tgz")).unwrap()
    }

    #[test]
    fn reads_the_node_archive_with_its_paths() {
        let Entries { files, notes, metas, .. } = files(&fixture()).unwrap();
        // kubeadm writes keys and kubeconfigs 0600, owned by root (tests/fixtures/pki/README).
        let ca_key = metas.iter().find(|m| m.path == "kubernetes/pki/ca.key").expect("ca.key's header");
        assert_eq!((ca_key.mode, ca_key.owner.as_str()), (0o600, "root"));
        assert!(notes.is_empty(), "{notes:?}");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"kubernetes/pki/etcd/server.crt"), "{names:?}");
        assert!(names.contains(&"kubernetes/admin.conf"));
        // 5 kubeconfigs, 22 files under pki/ and 2 static Pod manifests (tests/fixtures/pki/healthy).
        assert_eq!(names.len(), 29, "{names:?}");
    }

    #[test]
    fn an_archive_without_modes_says_so() {
        // As the page packs a folder picked in a browser: mode 0 for every file.
        let mut tar = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(5);
        h.set_mode(0);
        h.set_cksum();
        tar.append_data(&mut h, "kubernetes/pki/ca.key", &b"hello"[..]).unwrap();
        let packed = tar.into_inner().unwrap();
        let u = unpack(&[Input { name: "", bytes: &packed }]);
        assert!(u.files.is_empty());
        assert!(u.detected.iter().any(|d| d.contains("no file modes recorded")), "{:?}", u.detected);
        // The node's archive has them, and says nothing.
        let u = unpack(&[Input {
            name: "",
            bytes: &fixture(),
        }]);
        assert!(!u.files.is_empty() && !u.detected.iter().any(|d| d.contains("no file modes")));
    }

    #[test]
    fn damaged_and_hostile_archives_are_errors() {
        let mut cut = fixture();
        cut.truncate(cut.len() / 2);
        assert!(files(&cut).is_err());
        // gzip of 40 MiB of zeros: stops at the cap, says so.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut enc, &vec![0u8; 40 * 1024 * 1024]).unwrap();
        let bomb = enc.finish().unwrap();
        assert!(bomb.len() < 100_000);
        assert!(files(&bomb).unwrap_err().contains("more than 32 MiB"));
        // gzip of text that is no tar.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut enc, b"hello").unwrap();
        assert!(files(&enc.finish().unwrap()).unwrap_err().contains("not a tar archive"));
    }
}
