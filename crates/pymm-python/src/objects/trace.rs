//! How the collector sees an [`Obj`]: which references it holds, and its finalizer.

use super::{FrameObj, Obj, PyRef};
use crate::rt::{Gc, Trace, Tracer};

fn visit_opt(tracer: &mut Tracer<'_>, value: &Option<PyRef>) {
    if let Some(v) = value {
        tracer.visit(v);
    }
}

fn visit_frame(tracer: &mut Tracer<'_>, frame: &FrameObj) {
    tracer.visit(&frame.globals);
    match frame.back.try_borrow() {
        Ok(back) => visit_opt(tracer, &back),
        Err(_) => tracer.mark_busy(),
    }
    match frame.locals.try_borrow() {
        Ok(locals) => locals.iter().for_each(|v| visit_opt(tracer, v)),
        Err(_) => tracer.mark_busy(),
    }
}

// SAFETY: `trace` visits every `Gc` that the object owns directly (each field holding a
// `PyRef`), and reports a mutably borrowed cell with `mark_busy` instead of skipping it.
unsafe impl Trace for Obj {
    const HAS_FINALIZER: bool = true;
    // Tuples and instances keep their items and values in the block's tail (see `tuple`,
    // `instance`).
    const HAS_TAIL: bool = true;
    // Every object is a `Gc<Obj>`: its header is the word alone (no vtable word), the
    // vtable found from this index (see `pymm`'s `object/compact.rs`).
    const COMPACT_INDEX: Option<u8> = Some(1);

    fn tail_size(&self) -> usize {
        match self {
            Obj::Tuple(items) => items.tail_size(),
            Obj::Str(s) => s.tail_size(),
            Obj::Function(f) => f.tail_size(),
            Obj::Bytes(b) => b.tail_size(),
            Obj::Instance(inst) => inst.tail_size(),
            _ => 0,
        }
    }

    fn trace(&self, tracer: &mut Tracer<'_>) {
        match self {
            Obj::Slice(parts) => parts.iter().for_each(|p| tracer.visit(p)),
            Obj::Tuple(items) => items.iter().for_each(|p| tracer.visit(p)),
            Obj::List(items) => match items.try_borrow() {
                Ok(items) => items.iter().for_each(|p| tracer.visit(p)),
                Err(_) => tracer.mark_busy(),
            },
            Obj::Dict(table) | Obj::Set(table, _) => match table.try_borrow() {
                Ok(table) => table.trace(tracer),
                Err(_) => tracer.mark_busy(),
            },
            Obj::Instance(inst) => inst.trace(tracer),
            Obj::Class(class) => class.trace(tracer),
            Obj::Function(func) => func.trace(tracer),
            Obj::Method(pair) | Obj::Super(pair) | Obj::Module(pair) | Obj::GetSetDescr(pair) => {
                tracer.visit(&pair.0);
                tracer.visit(&pair.1);
            }
            Obj::BoundBuiltin(pair) => tracer.visit(&pair.0),
            Obj::MemoryView(view) => view.trace(tracer),
            Obj::Cell(cell) => cell.trace(tracer),
            Obj::Frame(frame) => visit_frame(tracer, frame),
            Obj::Generator(gen) => gen.trace(tracer),
            Obj::Traceback(tb) => match tb.try_borrow() {
                Ok(entries) => entries.iter().for_each(|(f, _)| tracer.visit(f)),
                Err(_) => tracer.mark_busy(),
            },
            Obj::Iter(state) => match state.try_borrow() {
                Ok(state) => state.trace(tracer),
                Err(_) => tracer.mark_busy(),
            },
            Obj::Property(prop) => prop.trace(tracer),
            Obj::StaticMethod(f) | Obj::ClassMethod(f) => tracer.visit(f),
            Obj::WeakRef(w) => match w.callback.try_borrow() {
                Ok(cb) => visit_opt(tracer, &cb),
                Err(_) => tracer.mark_busy(),
            },
            _ => {}
        }
    }

    fn is_container(&self) -> bool {
        !self.is_atom()
    }

    /// Only instances (whose class may have or gain a `__del__`) and generators (closed at
    /// their death) are finalized; every other object skips finalization entirely.
    fn needs_finalizer(&self) -> bool {
        matches!(self, Obj::Instance(_) | Obj::Generator(_))
    }

    fn extra_size(&self) -> usize {
        super::sizes::extra_size(self)
    }

    fn finalize(this: &Gc<Self>) {
        match &**this {
            Obj::Instance(_) => crate::vm::finalize::run_del(this),
            Obj::Generator(_) => crate::vm::finalize::close_generator(this),
            _ => {}
        }
    }
}
