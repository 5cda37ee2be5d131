//! The report bundle: one folder per run, written whole or not at all.
//!
//! A bundle is built in a hidden temporary folder beside its target (`reports/.name.tmp-PID`)
//! and renamed into place only when every file is written. A crash or Ctrl-C leaves at most
//! that temporary folder (cleaned up by the next run), never a half bundle, and never touches
//! an earlier bundle. An existing bundle is replaced only with `force`, and then the old one is
//! moved aside first and removed after the new one is in place.

pub mod csv;

use std::path::{Path, PathBuf};

/// Bundle names are folder names: plain characters only, so a name cannot climb out of the
/// reports folder.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty()
        || name == "."
        || name == ".."
        || name.starts_with('.')
        || name.len() > 120
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'))
    {
        return Err(format!(
            "invalid bundle name `{name}`: use letters, digits, '-', '_', '.', '+' (not starting with '.')"
        ));
    }
    Ok(())
}

/// A bundle being written.
#[derive(Debug)]
pub struct Bundle {
    /// Final location.
    pub target: PathBuf,
    /// Temporary folder being filled.
    pub tmp: PathBuf,
    force: bool,
    finished: bool,
}

impl Bundle {
    /// Start a bundle `root/name`. Fails before writing anything when the target exists and
    /// `force` is false, or when `root` cannot hold it.
    pub fn create(root: &Path, name: &str, force: bool) -> Result<Bundle, String> {
        check_name(name)?;
        if root.exists() && !root.is_dir() {
            return Err(format!(
                "output folder {} exists and is not a folder",
                root.display()
            ));
        }
        std::fs::create_dir_all(root).map_err(|e| {
            format!(
                "cannot create output folder {}: {}",
                root.display(),
                crate::corpus::io_reason(&e)
            )
        })?;
        let target = root.join(name);
        if target.exists() && !force {
            return Err(format!(
                "bundle {} already exists: choose another --name, or pass --force to replace it",
                target.display()
            ));
        }
        // Clear leftovers of interrupted runs of the same name.
        if let Ok(rd) = std::fs::read_dir(root) {
            let prefix = format!(".{name}.tmp-");
            for e in rd.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let tmp = root.join(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).map_err(|e| {
            format!(
                "cannot write in output folder {}: {}",
                root.display(),
                crate::corpus::io_reason(&e)
            )
        })?;
        Ok(Bundle {
            target,
            tmp,
            force,
            finished: false,
        })
    }

    /// Path of a file inside the bundle being written.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.tmp.join(rel)
    }

    /// Move the finished bundle into place.
    pub fn finish(mut self) -> Result<PathBuf, String> {
        let err = |e: std::io::Error| format!("cannot put bundle in place at {}: {e}", self.target.display());
        if self.target.exists() {
            if !self.force {
                return Err(format!(
                    "bundle {} appeared while this run was writing; not replacing it",
                    self.target.display()
                ));
            }
            let old = self.target.with_file_name(format!(
                ".{}.old-{}",
                self.target.file_name().unwrap().to_string_lossy(),
                std::process::id()
            ));
            std::fs::rename(&self.target, &old).map_err(err)?;
            std::fs::rename(&self.tmp, &self.target).map_err(err)?;
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&self.tmp, &self.target).map_err(err)?;
        }
        self.finished = true;
        Ok(self.target.clone())
    }
}

impl Drop for Bundle {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}
