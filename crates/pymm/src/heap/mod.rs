//! Heap state.
pub(crate) mod config;
pub(crate) mod dealloc;
pub(crate) mod handle;
pub(crate) mod state;
pub(crate) mod unraisable;
pub(crate) mod weak_table;

pub use handle::Heap;
pub(crate) use state::HeapState;
