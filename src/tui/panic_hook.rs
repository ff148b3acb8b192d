//! The browser's panic hook: a panic restores the terminal first, then the previous hook prints
//! the message on the normal screen. Installed for the browser's run only: dropping the guard
//! puts the previous hook back, so a caller (a test, a later command) gets the hook it had.

use std::panic::{self, PanicHookInfo};
use std::sync::Arc;

use super::terminal;

type Hook = dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static;

/// Restores the previous panic hook when dropped.
pub(super) struct PanicHookGuard {
    previous: Arc<Hook>,
}

impl PanicHookGuard {
    /// Installs the terminal-restoring hook in front of the current one.
    pub(super) fn install() -> Self {
        let previous: Arc<Hook> = Arc::from(panic::take_hook());
        let chained = Arc::clone(&previous);
        // No lock here: the panicking thread may hold it.
        panic::set_hook(Box::new(move |info| {
            terminal::leave();
            chained(info);
        }));
        Self { previous }
    }
}

impl Drop for PanicHookGuard {
    fn drop(&mut self) {
        // While panicking the hook cannot be changed (take_hook would panic again); the process
        // is on its way out then.
        if std::thread::panicking() {
            return;
        }
        let previous = Arc::clone(&self.previous);
        drop(panic::take_hook());
        panic::set_hook(Box::new(move |info| previous(info)));
    }
}
