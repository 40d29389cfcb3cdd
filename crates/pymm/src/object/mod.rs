//! Objects (bottom layer).
pub(crate) mod header;
pub(crate) mod list;
pub(crate) mod walk;
