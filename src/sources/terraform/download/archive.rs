//! Unpacking a module archive (tar.gz) into the cache, refusing what could
//! write outside it: absolute paths and `..` make the archive an error;
//! symbolic and hard links are skipped (nothing in a module needs them, and
//! they could point anywhere). Sizes are bounded against archive bombs.

use std::io::Read;
use std::path::{Component, Path};

/// The most bytes an archive may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 512 << 20;
/// The most entries an archive may hold.
pub const MAX_ENTRIES: usize = 100_000;

/// Unpacks the gzip-compressed tar `reader` into `dest` (which exists).
pub fn unpack_tar_gz(reader: impl Read, dest: &Path) -> Result<(), String> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(reader));
    archive.set_preserve_permissions(false);
    archive.set_preserve_mtime(false);
    let mut total = 0u64;
    let entries = archive
        .entries()
        .map_err(|e| format!("not a tar.gz archive: {e}"))?;
    for (count, entry) in entries.enumerate() {
        let mut entry = entry.map_err(|e| format!("broken tar.gz archive: {e}"))?;
        if count >= MAX_ENTRIES {
            return Err(format!("the archive has more than {MAX_ENTRIES} entries"));
        }
        let kind = entry.header().entry_type();
        if !(kind.is_file() || kind.is_dir()) {
            continue;
        }
        let path = entry
            .path()
            .map_err(|e| format!("broken tar.gz archive: {e}"))?
            .into_owned();
        if !path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(format!(
                "the archive entry {} would be written outside the module directory",
                path.display()
            ));
        }
        total = total.saturating_add(entry.size());
        if total > MAX_UNPACKED_BYTES {
            return Err(format!(
                "the archive unpacks to more than {} MiB",
                MAX_UNPACKED_BYTES >> 20
            ));
        }
        entry
            .unpack_in(dest)
            .map_err(|e| format!("cannot unpack {}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tar.gz with the given entries, names written raw into the header
    /// (so that `../x` gets in, as a hostile archive would have it).
    fn archive(entries: &[(&str, tar::EntryType, &str)]) -> Vec<u8> {
        let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::fast(),
        ));
        for (name, kind, data) in entries {
            let mut header = tar::Header::new_gnu();
            let bytes = name.as_bytes();
            header.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
            header.set_entry_type(*kind);
            header.set_mode(0o644);
            if kind.is_symlink() {
                header.set_link_name(data).unwrap();
                header.set_size(0);
                header.set_cksum();
                builder.append(&header, std::io::empty()).unwrap();
            } else {
                header.set_size(data.len() as u64);
                header.set_cksum();
                builder.append(&header, data.as_bytes()).unwrap();
            }
        }
        builder.into_inner().unwrap().finish().unwrap()
    }

    #[test]
    fn files_and_directories_are_unpacked() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = archive(&[
            ("mod/", tar::EntryType::Directory, ""),
            ("mod/main.tf", tar::EntryType::Regular, "# main\n"),
        ]);
        unpack_tar_gz(bytes.as_slice(), dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join("mod/main.tf")).unwrap();
        assert_eq!(text, "# main\n");
    }

    #[test]
    fn paths_out_of_the_directory_are_refused() {
        let outer = tempfile::tempdir().unwrap();
        let dest = outer.path().join("dest");
        std::fs::create_dir(&dest).unwrap();
        for name in ["../evil.tf", "/tmp/evil.tf", "a/../../evil.tf"] {
            let bytes = archive(&[(name, tar::EntryType::Regular, "x")]);
            let error = unpack_tar_gz(bytes.as_slice(), &dest).unwrap_err();
            assert!(error.contains("outside the module directory"), "{error}");
        }
        assert!(!outer.path().join("evil.tf").exists());
    }

    #[test]
    fn links_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = archive(&[
            ("link.tf", tar::EntryType::Symlink, "/etc/passwd"),
            ("main.tf", tar::EntryType::Regular, "x"),
        ]);
        unpack_tar_gz(bytes.as_slice(), dir.path()).unwrap();
        assert!(std::fs::symlink_metadata(dir.path().join("link.tf")).is_err());
        assert!(dir.path().join("main.tf").is_file());
    }

    #[test]
    fn what_is_not_gzip_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(unpack_tar_gz(&b"<html>not found</html>"[..], dir.path()).is_err());
    }
}
