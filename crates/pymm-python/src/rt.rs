//! The one place where the interpreter meets the memory manager: every other module takes
//! these names from here.

pub use pymm::allocator_api2;
pub use pymm::pymm_alloc;
pub use pymm::{
    for_each_referent, getsizeof, referents, AllocError, CallbackId, CallbackInfo, CallbackPhase,
    Config, DebugFlags, Gc, GcAny, Heap, ThreadHeapAllocator, Trace, Tracer, Weak, GC_LINKS_SIZE,
};
