//! Objects (bottom layer).
pub(crate) mod header;
pub(crate) mod list;
pub(crate) mod trace_entry;
pub(crate) mod walk;
