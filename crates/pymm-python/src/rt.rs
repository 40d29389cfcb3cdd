//! The one place where the interpreter meets the memory manager: every other module takes
//! these names from here.

pub use pymm::allocator_api2;
/// `sys.getsizeof` counts an object's block as allocated (its size class): an object
/// whose header and payload fill 24 bytes of a 32-byte block (an int) answers 32, as CPython.
pub use pymm::getsizeof_allocated as getsizeof;
pub use pymm::pymm_alloc;
pub use pymm::{
    for_each_referent, referents, AllocError, CallbackId, CallbackInfo, CallbackPhase, Config,
    DebugFlags, Gc, GcAny, Heap, ThreadHeapAllocator, Trace, Tracer, Weak, GC_LINKS_SIZE,
};
