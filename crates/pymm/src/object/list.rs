//! Intrusive doubly linked lists of containers (CPython's `gc_list_*`).
//!
//! A list is a circular chain through [`Links`] with a head node that is not an object.
//! Heads live in the heap's boxed state or on the stack of a collection: either way they
//! never move while linked. Every function here expects proper links (not the `gc_refs`
//! scratch values that one of them holds during a collection: see `walk`).

use crate::object::header::{obj_of_links, Links, Obj};
use std::cell::Cell;

/// Makes `head` an empty list.
pub(crate) fn init(head: &Links) {
    let p: *const Links = head;
    head.next.set(p);
    head.prev.set(p);
}

/// Whether the list is empty.
pub(crate) fn is_empty(head: &Links) -> bool {
    std::ptr::eq(head.next.get(), head)
}

/// Reads a `prev` field as a pointer.
#[inline(always)]
pub(crate) fn prev_of(node: &Links) -> *const Links {
    node.prev.get()
}

/// Appends `node` at the tail of `head`'s list.
///
/// # Safety
/// `node` is the links of a live container, derived from its object pointer (so that the
/// object can be recovered from it), and in no list.
#[inline(always)]
pub(crate) unsafe fn append(node: *const Links, head: &Links) {
    let last = prev_of(head);
    // SAFETY: the tail of a well-formed list is a live node (or the head itself); `node` is
    // live by contract.
    unsafe {
        (*last).next.set(node);
        (*node).prev.set(last);
        (*node).next.set(head);
    }
    head.prev.set(node);
}

/// Appends the links of a fresh block at the tail of `head`'s list, writing them whole: they
/// may be uninitialised ([`append`] reads them through `Cell::set`), so a fresh container
/// is linked without storing unlinked links first.
///
/// # Safety
/// `node` points to the (possibly uninitialised) links of a live container, derived from
/// its object pointer with write permission, and in no list.
#[inline(always)]
pub(crate) unsafe fn append_fresh(node: *const Links, head: &Links) {
    let last = prev_of(head);
    // SAFETY: the tail of a well-formed list is a live node (or the head itself); `node` is
    // writable by contract, and written without reading it.
    unsafe {
        node.cast_mut().write(Links {
            next: Cell::new(head),
            prev: Cell::new(last),
        });
        (*last).next.set(node);
    }
    head.prev.set(node);
}

/// Puts `node` at the head of `head`'s list.
///
/// # Safety
/// As for [`append`].
#[inline(always)]
pub(crate) unsafe fn prepend(node: *const Links, head: &Links) {
    let first = head.next.get();
    // SAFETY: the first node of a well-formed list is a live node (or the head itself);
    // `node` is live by contract.
    unsafe {
        (*first).prev.set(node);
        (*node).next.set(first);
        (*node).prev.set(head);
    }
    head.next.set(node);
}

/// Unlinks `node` from whatever list it is in.
///
/// # Safety
/// `node` is the links of a live container in a well-formed list.
#[inline(always)]
pub(crate) unsafe fn remove(node: *const Links) {
    // SAFETY: by contract, `node` and its neighbours are live nodes or heads.
    unsafe {
        unlink_dead(node);
        (*node).next.set(std::ptr::null());
    }
}

/// Unlinks `node` from its list, leaving its own links as they were: for a container that
/// is being freed (nothing reads them again; [`remove`] also marks the node unlinked).
///
/// # Safety
/// `node` is the links of a live container in a well-formed list; unless [`remove`] calls
/// this, they are not read again as list links.
#[inline(always)]
pub(crate) unsafe fn unlink_dead(node: *const Links) {
    // SAFETY: by contract, `node` and its neighbours are live nodes or heads.
    unsafe {
        let prev = (*node).prev.get();
        let next = (*node).next.get();
        (*prev).next.set(next);
        (*next).prev.set(prev);
    }
}

/// Moves `node` from its list to the tail of `head`'s.
///
/// # Safety
/// As for [`remove`] and [`append`].
pub(crate) unsafe fn move_to(node: *const Links, head: &Links) {
    // SAFETY: forwarded contract.
    unsafe {
        remove(node);
        append(node, head);
    }
}

/// Moves every node of `from` to the tail of `to`, leaving `from` empty.
pub(crate) fn merge(from: &Links, to: &Links) {
    if is_empty(from) {
        return;
    }
    let to_tail = prev_of(to);
    let first = from.next.get();
    let last = prev_of(from);
    // SAFETY: all four are nodes of well-formed lists.
    unsafe {
        (*to_tail).next.set(first);
        (*first).prev.set(to_tail);
        (*last).next.set(to);
    }
    to.prev.set(last);
    init(from);
}

/// The first object of a non-empty list, if any.
#[inline(always)]
pub(crate) fn first(head: &Links) -> Option<Obj> {
    let first = head.next.get();
    if std::ptr::eq(first, head) {
        None
    } else {
        // SAFETY: every node except the head belongs to a container.
        Some(unsafe { obj_of_links(first) })
    }
}

/// Calls `f` on every object of the list, in order. `f` must not unlink the *next* node.
pub(crate) fn for_each(head: &Links, mut f: impl FnMut(Obj)) {
    let mut node = head.next.get();
    while !std::ptr::eq(node, head) {
        // SAFETY: `node` is a live node of the list; read its successor before `f` runs.
        let next = unsafe { (*node).next.get() };
        // SAFETY: every node except the head belongs to a container.
        f(unsafe { obj_of_links(node) });
        node = next;
    }
}

/// Calls `f` on the objects of the list from the tail (the newest) towards the head, until
/// `f` returns `false` or the list ends. `f` must not unlink any node.
pub(crate) fn for_each_newest(head: &Links, mut f: impl FnMut(Obj) -> bool) {
    let mut node = prev_of(head);
    while !std::ptr::eq(node, head) {
        // SAFETY: every node except the head belongs to a container.
        if !f(unsafe { obj_of_links(node) }) {
            return;
        }
        // SAFETY: `node` is a live node of the list, not unlinked by `f`.
        node = unsafe { (*node).prev.get() };
    }
}

/// Number of objects in the list (walks it).
pub(crate) fn len(head: &Links) -> usize {
    let mut n = 0;
    for_each(head, |_| n += 1);
    n
}
