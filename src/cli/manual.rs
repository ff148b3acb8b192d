//! Shell completions and the man page, generated from the clap definition at run time.

use clap::CommandFactory;

use super::args::{Cli, Command};

/// The completion script or man page a command asks for; `None` for every other command.
pub(super) fn generate(command: Option<&Command>) -> Option<String> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    match command? {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut cmd, "obddx", &mut out);
        }
        Command::Man => {
            clap_mangen::Man::new(cmd).render(&mut out).ok()?;
        }
        _ => return None,
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}
