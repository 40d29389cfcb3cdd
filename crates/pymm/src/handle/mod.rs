//! Handles.
pub(crate) mod alloc;
pub(crate) mod any;
pub(crate) mod by_address;
pub(crate) mod gc;
pub(crate) mod gc_api;
pub(crate) mod gc_fmt;
pub(crate) mod gc_mut;
pub(crate) mod heap_ops;
pub(crate) mod shutdown;
pub(crate) mod side_alloc;
pub(crate) mod slice;
pub(crate) mod tail;
pub(crate) mod trace;
pub(crate) mod trace_impls;
pub(crate) mod vtable;
pub(crate) mod weak;
