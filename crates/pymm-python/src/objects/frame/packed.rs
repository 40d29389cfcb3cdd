//! The frame of a generator that has not started yet, packed into one block of pymm's pools,
//! as CPython 3.11 keeps a generator's `_PyInterpreterFrame` (its locals and value stack)
//! inside the generator object.
//!
//! ```text
//!  [ globals | frame_obj | ip, counts, words ][ cells | locals | stack | try blocks ]
//!    40-byte head                               one word each; a try block 12 bytes
//! ```
//!
//! A running frame is a [`FrameState`] (the eval loop's shape: a box with four vectors, 136
//! bytes before its buffers). A generator is often made long before it runs, or never run
//! (lazy pipelines, a list of them): until then its frame is this block, sized to what it
//! holds (a one-argument function's: 48 bytes), and it is unpacked into a frame from the
//! frame pool when it first runs. From then on the generator keeps the running frame's box
//! between resumptions: packing it at every `yield` would copy its values twice per
//! resumption, which `yield from` chains pay at every level (coroutines +9% and generators
//! +25% instructions when measured). Coroutines, awaited as soon as they are made, keep
//! their box from the start.

use std::alloc::Layout;
use std::mem::size_of;
use std::ptr::NonNull;

use super::{Block, FrameState};
use crate::objects::PyRef;
use crate::rt::allocator_api2::alloc::Allocator;
use crate::rt::{AllocError, ThreadHeapAllocator, Tracer};

/// The block's head; the words (cells, locals, stack, then the try blocks) follow it.
#[repr(C)]
struct Head {
    /// The frame's globals (`None` once the values were moved out).
    globals: Option<PyRef>,
    /// The frame's frame object, if one was made.
    frame_obj: Option<PyRef>,
    /// The frame's `ip`, with [`RETURNS_INIT`] for its `returns_init`.
    ip: u32,
    cells: u32,
    locals: u32,
    stack: u32,
    blocks: u32,
    /// Words the block has after the head.
    words: u32,
}

const WORD: usize = size_of::<usize>();
const RETURNS_INIT: u32 = 1 << 31;

const _: () = assert!(size_of::<Head>() == 40);
const _: () = assert!(size_of::<Option<PyRef>>() == WORD && size_of::<PyRef>() == WORD);

/// Words taken by `n` try blocks.
fn block_words(n: usize) -> usize {
    (n * size_of::<Block>()).div_ceil(WORD)
}

fn layout(words: usize) -> Result<Layout, AllocError> {
    let size = words
        .checked_mul(WORD)
        .and_then(|n| n.checked_add(size_of::<Head>()))
        .ok_or(AllocError)?;
    Layout::from_size_align(size, std::mem::align_of::<Head>()).map_err(|_| AllocError)
}

/// Moves the values of `from` to `to`; the caller sets `from`'s length to 0 right after.
///
/// # Safety
/// `to` has room for `from.len()` values and holds no live ones.
unsafe fn move_out<T>(from: &[T], to: *mut T) {
    for (i, value) in from.iter().enumerate() {
        // SAFETY: forwarded contract (a loop: the counts are small, a `memcpy` call costs
        // more than the words it would move).
        unsafe { to.add(i).write(std::ptr::read(value)) };
    }
}

/// Appends the `n` values at `from` to `to`, which takes them over.
///
/// # Safety
/// `from` holds `n` live values, which the caller forgets right after.
unsafe fn move_in<T>(from: *const T, n: usize, to: &mut Vec<T>) {
    if n == 0 {
        return;
    }
    to.reserve(n);
    // SAFETY: the values are moved, not copied (the caller forgets the originals).
    to.extend((0..n).map(|i| unsafe { std::ptr::read(from.add(i)) }));
}

/// An unstarted generator's frame (see the module docs): one block from the thread's heap.
pub struct PackedFrame {
    head: NonNull<Head>,
}

impl PackedFrame {
    /// Packs `frame`'s values, globals, frame object and `ip`, leaving it empty with
    /// `placeholder` for globals (ready for the frame pool). The frame's `namespace` is a
    /// class body's: never a generator's.
    pub fn new(frame: &mut FrameState, placeholder: PyRef) -> Result<PackedFrame, AllocError> {
        debug_assert!(frame.namespace.is_none());
        let (cells, locals, stack, blocks) = (
            frame.cells.len(),
            frame.locals.len(),
            frame.stack.len(),
            frame.blocks.len(),
        );
        let words = cells + locals + stack + block_words(blocks);
        let counts = [cells, locals, stack, blocks, words].map(u32::try_from);
        let [Ok(cells32), Ok(locals32), Ok(stack32), Ok(blocks32), Ok(words32)] = counts else {
            return Err(AllocError);
        };
        let head = ThreadHeapAllocator::new()
            .allocate(layout(words)?)
            .map_err(|_| AllocError)?
            .cast::<Head>();
        // SAFETY: the fresh block has room for the head and `words` words after it, 8-byte
        // aligned (a try block needs 4); each vector's values are moved there (its length
        // set to 0 at once), in the order `values` reads them.
        unsafe {
            let to = head.as_ptr().add(1).cast::<usize>();
            move_out(&frame.cells, to.cast::<PyRef>());
            frame.cells.set_len(0);
            move_out(&frame.locals, to.add(cells).cast::<Option<PyRef>>());
            frame.locals.set_len(0);
            move_out(&frame.stack, to.add(cells + locals).cast::<PyRef>());
            frame.stack.set_len(0);
            move_out(
                &frame.blocks,
                to.add(cells + locals + stack).cast::<Block>(),
            );
            frame.blocks.clear();
            head.as_ptr().write(Head {
                globals: Some(std::mem::replace(&mut frame.globals, placeholder)),
                frame_obj: frame.frame_obj.take(),
                ip: frame.ip | if frame.returns_init { RETURNS_INIT } else { 0 },
                cells: cells32,
                locals: locals32,
                stack: stack32,
                blocks: blocks32,
                words: words32,
            });
        }
        Ok(PackedFrame { head })
    }

    fn head(&self) -> &Head {
        // SAFETY: the block is live while the packed frame is; it is only written by `new`
        // and through `&mut self`.
        unsafe { self.head.as_ref() }
    }

    /// The first word after the head.
    fn words(&self) -> *mut usize {
        // SAFETY: the words follow the head in the same block.
        unsafe { self.head.as_ptr().add(1).cast::<usize>() }
    }

    /// The frame's next instruction.
    pub fn ip(&self) -> u32 {
        self.head().ip & !RETURNS_INIT
    }

    /// The stored values: cells, locals (the `Option`s), stack.
    fn values(&self) -> (&[PyRef], &[Option<PyRef>], &[PyRef]) {
        let head = self.head();
        let (cells, locals, stack) = (
            head.cells as usize,
            head.locals as usize,
            head.stack as usize,
        );
        let words = self.words();
        // SAFETY: `new` wrote that many values of each kind, in this order; they stay until
        // `unpack` or `Drop` moves them out (setting the counts to 0 first).
        unsafe {
            (
                std::slice::from_raw_parts(words.cast::<PyRef>(), cells),
                std::slice::from_raw_parts(words.add(cells).cast::<Option<PyRef>>(), locals),
                std::slice::from_raw_parts(words.add(cells + locals).cast::<PyRef>(), stack),
            )
        }
    }

    /// Moves the values out into `frame` (an empty frame of the same code), then frees the
    /// block. Globals end up in the frame; the frame's placeholder is dropped.
    pub fn unpack(mut self, frame: &mut FrameState) {
        let head = self.head();
        frame.ip = head.ip & !RETURNS_INIT;
        frame.returns_init = head.ip & RETURNS_INIT != 0;
        let (globals, frame_obj) = self.move_values(
            &mut frame.cells,
            &mut frame.locals,
            &mut frame.stack,
            &mut frame.blocks,
        );
        frame.frame_obj = frame_obj;
        if let Some(globals) = globals {
            drop(std::mem::replace(&mut frame.globals, globals));
        }
    }

    /// Moves every value out (appended to the vectors given), leaving the block empty
    /// (counts 0); returns the globals and the frame object.
    fn move_values(
        &mut self,
        cells: &mut Vec<PyRef>,
        locals: &mut Vec<Option<PyRef>>,
        stack: &mut Vec<PyRef>,
        blocks: &mut Vec<Block>,
    ) -> (Option<PyRef>, Option<PyRef>) {
        let words = self.words();
        // SAFETY: `&mut self`: no other reference to the head exists.
        let head = unsafe { self.head.as_mut() };
        let (n_cells, n_locals, n_stack, n_blocks) = (
            head.cells as usize,
            head.locals as usize,
            head.stack as usize,
            head.blocks as usize,
        );
        (head.cells, head.locals, head.stack, head.blocks) = (0, 0, 0, 0);
        // SAFETY: the counts said what `new` wrote, in this order; they were set to 0 above,
        // so the values now belong to the vectors alone.
        unsafe {
            move_in(words.cast::<PyRef>(), n_cells, cells);
            move_in(words.add(n_cells).cast::<Option<PyRef>>(), n_locals, locals);
            move_in(
                words.add(n_cells + n_locals).cast::<PyRef>(),
                n_stack,
                stack,
            );
            let at = n_cells + n_locals + n_stack;
            move_in(words.add(at).cast::<Block>(), n_blocks, blocks);
        }
        (head.globals.take(), head.frame_obj.take())
    }

    /// Bytes of the block, for `sys.getsizeof`.
    pub fn size(&self) -> usize {
        size_of::<Head>() + self.head().words as usize * WORD
    }

    /// Visits the frame's values.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        let head = self.head();
        head.globals.iter().for_each(|g| tracer.visit(g));
        head.frame_obj.iter().for_each(|f| tracer.visit(f));
        let (cells, locals, stack) = self.values();
        cells.iter().for_each(|v| tracer.visit(v));
        locals.iter().flatten().for_each(|v| tracer.visit(v));
        stack.iter().for_each(|v| tracer.visit(v));
    }
}

impl Drop for PackedFrame {
    fn drop(&mut self) {
        if self.head().globals.is_some() {
            self.drop_values();
        }
        let words = self.head().words as usize;
        let layout = layout(words).expect("the block's layout was valid when allocated");
        // SAFETY: allocated by this allocator with this layout, freed once; the block holds
        // no value any more.
        unsafe { ThreadHeapAllocator::new().deallocate(self.head.cast(), layout) };
    }
}

impl PackedFrame {
    #[cold]
    fn drop_values(&mut self) {
        // A generator dropped unstarted: its values are moved out of the block before they
        // are dropped (a finalizer they run sees an empty block), stack first, as a frame
        // drops them.
        let (mut cells, mut locals, mut stack) = (Vec::new(), Vec::new(), Vec::new());
        let (globals, frame_obj) =
            self.move_values(&mut cells, &mut locals, &mut stack, &mut Vec::new());
        drop(stack);
        drop(locals);
        drop(cells);
        drop(frame_obj);
        drop(globals);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::testing::module_code;
    use crate::objects::Obj;
    use crate::rt::{Gc, Heap};

    fn ints(values: &[Option<PyRef>]) -> Vec<Option<i64>> {
        values
            .iter()
            .map(|v| v.as_ref().and_then(|v| v.as_i64()))
            .collect()
    }

    #[test]
    fn a_frame_packs_into_one_block_and_unpacks_in_order() {
        let heap = Heap::new();
        let (none, code) = module_code(&heap, "pass");
        let int = |i| Gc::new_in(Obj::Int(i), &heap);
        let mut frame = FrameState::empty(code.clone(), int(100));
        frame.cells = vec![int(1)];
        frame.locals = vec![Some(int(2)), None, Some(int(3))];
        frame.stack = vec![int(4), int(5)];
        let try_block = Block {
            handler: 7,
            depth: 1,
            is_handler: false,
        };
        let handler = Block {
            handler: 0,
            depth: 2,
            is_handler: true,
        };
        frame.blocks = vec![try_block, handler];
        frame.ip = 9;
        frame.returns_init = true;
        let packed = PackedFrame::new(&mut frame, none.clone()).expect("room");
        assert!(frame.cells.is_empty() && frame.locals.is_empty() && frame.stack.is_empty());
        assert!(frame.blocks.is_empty() && Gc::ptr_eq(&frame.globals, &none));
        assert_eq!(packed.ip(), 9);
        assert_eq!(
            packed.size(),
            40 + (1 + 3 + 2 + 3) * 8,
            "two try blocks: 3 words"
        );
        let (cells, locals, stack) = packed.values();
        assert_eq!(
            (cells.len(), ints(locals), stack.len()),
            (1, vec![Some(2), None, Some(3)], 2)
        );

        let mut fresh = FrameState::empty(code, none.clone());
        packed.unpack(&mut fresh);
        assert_eq!((fresh.ip, fresh.returns_init), (9, true));
        assert_eq!(fresh.globals.as_i64(), Some(100));
        assert_eq!(
            ints(&fresh.cells.iter().cloned().map(Some).collect::<Vec<_>>()),
            [Some(1)]
        );
        assert_eq!(ints(&fresh.locals), [Some(2), None, Some(3)]);
        let stack: Vec<_> = fresh.stack.iter().map(|v| v.as_i64()).collect();
        assert_eq!(stack, [Some(4), Some(5)]);
        let blocks: Vec<_> = fresh
            .blocks
            .iter()
            .map(|b| (b.handler, b.depth, b.is_handler))
            .collect();
        assert_eq!(blocks, [(7, 1, false), (0, 2, true)]);
    }

    #[test]
    fn a_frame_dropped_packed_drops_its_values_once() {
        let heap = Heap::new();
        let (none, code) = module_code(&heap, "pass");
        let watched = Gc::new_in(Obj::Int(7), &heap);
        let mut frame = FrameState::empty(code, Gc::new_in(Obj::Int(1), &heap));
        frame.locals = vec![Some(watched.clone()), None];
        frame.stack = vec![watched.clone()];
        frame.cells = vec![watched.clone()];
        let packed = PackedFrame::new(&mut frame, none).expect("room");
        assert_eq!(Gc::ref_count(&watched), 4);
        drop(packed);
        assert_eq!(Gc::ref_count(&watched), 1, "each packed value dropped once");
    }
}
