//! Reading a file the user named (the KB with `--kb`, the config; the overlay and the state file
//! too): opened without blocking, read only if it is a regular file, and only up to a limit.
//!
//! A path can name something that never answers: a FIFO with no writer blocks `open(2)`, a
//! terminal (`/dev/tty`, `/dev/stdin`) or `/proc/kmsg` blocks `read(2)`, `/dev/zero` never ends.
//! So the file is opened with `O_NONBLOCK` (a FIFO opens at once), then `fstat` on the open
//! file (not on the path, which could be swapped in between) says what it is, and anything but
//! a regular file is refused before a byte is read. A symlink loop fails in `open` (`ELOOP`).

use std::io::{self, Read};
use std::path::Path;

use rustix::fs::{Mode, OFlags};

/// Why a file was not read.
#[derive(Debug)]
pub enum FileError {
    /// The path does not exist (callers may treat this as "no file").
    NotFound,
    /// It exists but is not a regular file: `what` names it ("a directory", "a named pipe"…).
    NotRegular { what: &'static str },
    /// Larger than `max` bytes.
    TooLarge { size: u64, max: u64 },
    /// Any other failure to open or read.
    Io(io::Error),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::NotFound => write!(f, "no such file"),
            FileError::NotRegular { what } => write!(f, "it is {what}, not a regular file"),
            FileError::TooLarge { size, max } => {
                write!(f, "it is {size} bytes, larger than the limit of {max}")
            }
            FileError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// The bytes of the regular file at `path`, at most `max` of them (see the module
/// documentation). Never blocks on a pipe, a device or a terminal.
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, FileError> {
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    let fd = rustix::fs::open(path, flags, Mode::empty()).map_err(|e| {
        let e = io::Error::from(e);
        if e.kind() == io::ErrorKind::NotFound {
            FileError::NotFound
        } else {
            FileError::Io(e)
        }
    })?;
    let file = std::fs::File::from(fd);
    let meta = file.metadata().map_err(FileError::Io)?;
    if !meta.is_file() {
        return Err(FileError::NotRegular {
            what: kind_of(&meta.file_type()),
        });
    }
    if meta.len() > max {
        return Err(FileError::TooLarge {
            size: meta.len(),
            max,
        });
    }
    // The length can grow while it is read (a log being written): the limit holds on the read.
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(FileError::Io)?;
    if bytes.len() as u64 > max {
        return Err(FileError::TooLarge {
            size: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

fn kind_of(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("obddx-file-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn regular_files_are_read_within_the_limit() {
        let d = dir();
        let f = d.join("ok.txt");
        std::fs::write(&f, "hello").unwrap();
        assert_eq!(read_regular(&f, 5).unwrap(), b"hello");
        assert!(matches!(
            read_regular(&f, 4),
            Err(FileError::TooLarge { size: 5, max: 4 })
        ));
        assert!(matches!(
            read_regular(&d.join("missing"), 9),
            Err(FileError::NotFound)
        ));
    }

    #[test]
    fn devices_directories_fifos_and_loops_are_refused_without_blocking() {
        let d = dir();
        for (path, what) in [
            (Path::new("/dev/null"), "a character device"),
            (Path::new("/dev/zero"), "a character device"),
            (d.as_path(), "a directory"),
        ] {
            match read_regular(path, 100) {
                Err(FileError::NotRegular { what: got }) => assert_eq!(got, what, "{path:?}"),
                other => panic!("{path:?}: {other:?}"),
            }
        }
        let fifo = d.join("fifo");
        let _ = std::fs::remove_file(&fifo);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(matches!(
                read_regular(&fifo, 100),
                Err(FileError::NotRegular {
                    what: "a named pipe"
                })
            ));
        }
        let a = d.join("loop-a");
        let b = d.join("loop-b");
        let _ = std::fs::remove_file(&a);
        let _ = std::fs::remove_file(&b);
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(matches!(read_regular(&a, 100), Err(FileError::Io(_))));
    }
}
