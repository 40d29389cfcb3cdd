//! An exception's report as CPython prints it (traceback.py's `TracebackException.format`,
//! pythonrun.c's `print_exception_recursive`): the chain of causes and contexts, oldest
//! first, each with its traceback and `Type: message`; an exception group as a tree of its
//! members, each framed and indented under the group:
//!
//! ```text
//!   + Exception Group Traceback (most recent call last):
//!   |   File "x.py", line 1, in <module>
//!   | ExceptionGroup: eg (2 sub-exceptions)
//!   +-+---------------- 1 ----------------
//!     | ValueError: 1
//!     +---------------- 2 ----------------
//!     | TypeError: 2
//!     +------------------------------------
//! ```

use std::collections::HashSet;

use super::{Exc, Vm};
use crate::objects::{Obj, PyRef};

/// How many members of a group are printed before "and N more exceptions".
const MAX_GROUP_WIDTH: usize = 15;
/// How deep nested groups are printed before "... (max_group_depth is 10)".
const MAX_GROUP_DEPTH: usize = 10;

const CAUSE_MESSAGE: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/// The state of one report (traceback.py's `_ExceptionPrintContext`).
struct PrintContext {
    /// Exceptions already printed (a chain that loops ends there).
    seen: HashSet<usize>,
    group_depth: usize,
    need_close: bool,
    out: String,
}

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.group_depth)
    }

    /// Appends `text`, each of its lines indented to the group depth and behind the margin.
    fn emit(&mut self, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.group_depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            self.out.push_str(&prefix);
            self.out.push_str(line);
        }
    }
}

impl Vm {
    /// The whole report of `exc` (what an uncaught exception prints).
    pub(super) fn format_exception_tree(&self, exc: &PyRef) -> String {
        let mut ctx = PrintContext {
            seen: HashSet::new(),
            group_depth: 0,
            need_close: false,
            out: String::new(),
        };
        self.format_chain(exc, &mut ctx);
        ctx.out
    }

    /// `exc`'s cause or context (when not suppressed), with the words that join them.
    fn chained(&self, exc: &PyRef) -> Option<(&'static str, PyRef)> {
        let get = |name| self.instance_get(exc, name).filter(|c| !self.is_none(c));
        if let Some(cause) = get("__cause__") {
            return Some((CAUSE_MESSAGE, cause));
        }
        let suppress = self
            .instance_get(exc, "__suppress_context__")
            .is_some_and(|s| matches!(&*s, Obj::Bool(true)));
        get("__context__")
            .filter(|_| !suppress)
            .map(|c| (CONTEXT_MESSAGE, c))
    }

    /// `exc` after the exceptions it chains to, oldest first (a loop in the chain stops at
    /// the first exception seen again).
    fn format_chain(&self, exc: &PyRef, ctx: &mut PrintContext) {
        let mut chain: Vec<(Option<&'static str>, PyRef)> = Vec::new();
        let mut next = Some((None, exc.clone()));
        while let Some((msg, e)) = next {
            ctx.seen.insert(self.addr(&e));
            next = self
                .chained(&e)
                .filter(|(_, c)| !ctx.seen.contains(&self.addr(c)))
                .map(|(m, c)| (Some(m), c));
            chain.push((msg, e));
        }
        // each message introduces the exception printed after it: the one that chains to
        // the exception it was found with
        let mut pending: Option<&'static str> = None;
        for (msg, e) in chain.into_iter().rev() {
            if let Some(m) = pending.take() {
                ctx.emit(m, '|');
            }
            self.format_one(&e, ctx);
            pending = msg;
        }
    }

    /// The traceback entries of `exc`, most recent last.
    fn traceback_text(&self, exc: &PyRef) -> Option<String> {
        let tb = self.instance_get(exc, "__traceback__")?;
        let Obj::Traceback(entries) = &*tb else {
            return None;
        };
        let entries: Vec<(PyRef, u32)> = entries.borrow().iter().rev().cloned().collect();
        let mut text = String::new();
        self.format_tb_entries(&entries, &mut text);
        Some(text)
    }

    /// `Type: message` (with a SyntaxError's location above it).
    pub fn exception_only_text(&self, exc: &PyRef) -> String {
        let mut out = String::new();
        self.format_syntax_location(exc, &mut out);
        let name = self.exception_type_name(&self.type_of(exc));
        // a SyntaxError's report shows its location above, then only its `msg`
        let syntax_msg = self
            .exc_matches(exc, Exc::SyntaxError)
            .then(|| self.instance_get(exc, "msg"))
            .flatten()
            .and_then(|m| m.as_str().map(str::to_string));
        let msg = syntax_msg.unwrap_or_else(|| self.exc_message(exc));
        if msg.is_empty() {
            out.push_str(&format!("{name}\n"));
        } else {
            out.push_str(&format!("{name}: {msg}\n"));
        }
        self.format_notes(exc, &mut out);
        out
    }

    /// The `__notes__` under the message: each note's lines (traceback.py's
    /// `format_exception_only`), or the repr of a `__notes__` that is not a sequence.
    fn format_notes(&self, exc: &PyRef, out: &mut String) {
        let Some(notes) = self.instance_get(exc, "__notes__") else {
            return;
        };
        let items = match &*notes {
            Obj::List(_) | Obj::Tuple(_) | Obj::Str(_) => self.collect(&notes).ok(),
            _ => None,
        };
        let Some(items) = items else {
            if !self.is_none(&notes) {
                match self.repr(&notes) {
                    Ok(text) => out.push_str(&text),
                    Err(_) => out.push_str("<__notes__ repr() failed>"),
                }
            }
            return;
        };
        for note in items {
            let text = self
                .to_str(&note)
                .unwrap_or_else(|_| "<note str() failed>".to_string());
            for line in text.split('\n') {
                out.push_str(line);
                out.push('\n');
            }
        }
    }

    /// The members of `exc` if it is an exception group.
    fn group_members(&self, exc: &PyRef) -> Option<Vec<PyRef>> {
        if !self.exc_matches(exc, Exc::BaseExceptionGroup) {
            return None;
        }
        let members = self.instance_get(exc, "exceptions")?;
        match &*members {
            Obj::Tuple(items) => Some(items.to_vec()),
            _ => None,
        }
    }

    /// One exception of a chain: its traceback and message, and a group's members.
    fn format_one(&self, exc: &PyRef, ctx: &mut PrintContext) {
        let Some(members) = self.group_members(exc) else {
            if let Some(tb) = self.traceback_text(exc) {
                ctx.emit("Traceback (most recent call last):\n", '|');
                ctx.emit(&tb, '|');
            }
            ctx.emit(&self.exception_only_text(exc), '|');
            return;
        };
        if ctx.group_depth > MAX_GROUP_DEPTH {
            ctx.emit(
                &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                '|',
            );
            return;
        }
        let toplevel = ctx.group_depth == 0;
        if toplevel {
            ctx.group_depth += 1;
        }
        if let Some(tb) = self.traceback_text(exc) {
            let margin = if toplevel { '+' } else { '|' };
            ctx.emit(
                "Exception Group Traceback (most recent call last):\n",
                margin,
            );
            ctx.emit(&tb, '|');
        }
        ctx.emit(&self.exception_only_text(exc), '|');
        self.format_members(&members, ctx);
        if toplevel {
            ctx.group_depth = 0;
        }
    }

    /// A group's members, each under its numbered frame.
    fn format_members(&self, members: &[PyRef], ctx: &mut PrintContext) {
        let shown = members.len().min(MAX_GROUP_WIDTH + 1);
        ctx.need_close = false;
        for (i, member) in members.iter().take(shown).enumerate() {
            let last = i + 1 == shown;
            if last {
                // the closing frame may be added by a nested group
                ctx.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            let corner = if i == 0 { "+-" } else { "  " };
            let line = format!(
                "{}{corner}+---------------- {title} ----------------\n",
                ctx.indent()
            );
            ctx.out.push_str(&line);
            ctx.group_depth += 1;
            if truncated {
                let remaining = members.len() - MAX_GROUP_WIDTH;
                let s = if remaining > 1 { "s" } else { "" };
                ctx.emit(&format!("and {remaining} more exception{s}\n"), '|');
            } else {
                self.format_chain(member, ctx);
            }
            if last && ctx.need_close {
                let line = format!("{}+------------------------------------\n", ctx.indent());
                ctx.out.push_str(&line);
                ctx.need_close = false;
            }
            ctx.group_depth -= 1;
        }
    }
}
