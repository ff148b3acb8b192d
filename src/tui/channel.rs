//! What wakes the event loop: bytes from the terminal, read on their own thread, and what the
//! signal thread ([`super::terminal`]) has to say, both sent on one channel. The loop sleeps in
//! `recv` until one of them arrives, so it never blocks where a resize or a resume could be
//! missed (as a loop blocked in a terminal read would).

use std::fs::File;
use std::io::{self, Read};
use std::sync::mpsc::Sender;

/// One thing for the event loop.
#[derive(Debug)]
pub enum Message {
    /// Bytes typed, pasted or reported by the terminal, as read.
    Bytes(Vec<u8>),
    /// The terminal cannot be read any more (closed, or an error): the loop ends.
    Closed(io::Error),
    /// The window size changed (SIGWINCH).
    Resize,
    /// The process was continued after a stop: the screen must be cleared and drawn in full.
    Repaint,
    /// A line for the status bar (a refused suspend).
    Notice(String),
}

/// Bytes read at a time: a burst (a paste) arrives in few messages.
const READ_SIZE: usize = 16 * 1024;

/// Starts the thread that reads the terminal `tty` and sends what it reads on `events`.
pub fn spawn_reader(mut tty: File, events: Sender<Message>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("obddx-input".into())
        .spawn(move || {
            let mut buf = vec![0; READ_SIZE];
            loop {
                match tty.read(&mut buf) {
                    Ok(0) => {
                        let _ = events.send(Message::Closed(io::ErrorKind::UnexpectedEof.into()));
                        return;
                    }
                    Ok(n) => {
                        if events.send(Message::Bytes(buf[..n].to_vec())).is_err() {
                            return;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    // Someone set the terminal non-blocking: wait a little instead of spinning.
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        std::thread::sleep(std::time::Duration::from_millis(10));
                    }
                    Err(e) => {
                        let _ = events.send(Message::Closed(e));
                        return;
                    }
                }
            }
        })
        .map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot start the thread that reads the keyboard: {e}"),
            )
        })?;
    Ok(())
}
