//! `#[derive(Trace)]` for pymm.
//!
//! Generates an `unsafe impl pymm::Trace` whose `trace` visits every field once (fields
//! marked `#[trace(skip)]` are left out: they must own no handle, or the handles they own
//! count as roots) and whose `MAY_CONTAIN_GC` is the OR of the traced fields' constants,
//! `FIXED_EDGES` their AND, `EDGES` the weakest of theirs (`Edges::weakest`).
//!
//! # Bounds
//! Lifetimes, const parameters, bounds and `where` clauses of the type are kept. A type
//! parameter gets a `Trace` bound only when a traced field needs one, as serde's derives
//! do: `T` used as a value (`value: T`, `Vec<T>`, `Option<Box<T>>`) gets `T: Trace`, an
//! associated type (`I::Item`) gets `I::Item: Trace`, and uses that are `Trace` whatever
//! the parameter is add nothing: inside `PhantomData`, `Gc`, `Weak` and function
//! pointers; a type written as a macro call (`my_type!(T)`) is bounded whole. So
//! `PhantomData<T>` needs no `T: Trace`, and a recursive `Node<T> { kids:
//! Vec<Gc<Node<T>>> }` is `Trace` for every `T`. When that guess is wrong,
//! `#[trace(bound = "T: Trace + Clone")]` on the type replaces the inferred bounds.
//!
//! `#[trace(finalize)]` on the type sets `HAS_FINALIZER` and makes `Trace::finalize` call
//! the type's `pymm::Finalize` impl (Python's `__del__`).
//!
//! ```
//! use pymm::{Gc, Heap, Trace};
//! use std::marker::PhantomData;
//! use std::rc::Rc;
//!
//! #[derive(Trace)]
//! struct Node<T, Tag> {
//!     value: T,
//!     children: Vec<Gc<Node<T, Tag>>>,
//!     #[trace(skip)]
//!     label: Rc<std::cell::Cell<u8>>, // owns no handle: skipping it is fine
//!     _tag: PhantomData<Tag>,         // no `Tag: Trace` needed
//! }
//!
//! struct NotTrace;
//! let heap = Heap::new();
//! let leaf = heap.alloc(Node::<u32, NotTrace> {
//!     value: 1,
//!     children: vec![],
//!     label: Rc::default(),
//!     _tag: PhantomData,
//! });
//! let root = heap.alloc(Node { value: 2, children: vec![leaf], label: Rc::default(), _tag: PhantomData });
//! assert_eq!(pymm::referents(&Gc::to_any(&root)).len(), 1);
//! assert_eq!(root.value + root.children[0].value + root.label.get() as u32, 3);
//! ```
//!
//! A recursive type (`List<T> { tail: Option<Box<List<T>>> }`) works: its own name inside
//! a field counts as owning nothing when `MAY_CONTAIN_GC` is computed (the other fields
//! decide). Types recursive through each other without a `Gc` in between (`A` holds a
//! `Box<B>`, `B` a `Box<A>`) make that constant depend on itself: write one of the two
//! impls by hand.
//!
//! # Errors
//! Errors name what is wrong, where it is. A field whose type is not `Trace`:
//! ```compile_fail
//! struct Opaque;
//! #[derive(pymm::Trace)]
//! struct Holder {
//!     inner: Vec<Opaque>, // error[E0277]: the trait bound `Opaque: Trace` is not satisfied
//! }
//! ```
//! A union (which field is live is unknown):
//! ```compile_fail
//! #[derive(pymm::Trace)]
//! union Bits { int: u32, float: f32 } // error: #[derive(Trace)] does not support unions
//! ```
//! An unknown argument:
//! ```compile_fail
//! #[derive(pymm::Trace)]
//! struct Holder {
//!     #[trace(skp)] // error: unknown field attribute; expected `#[trace(skip)]`
//!     count: u32,
//! }
//! ```

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{
    parse_macro_input, parse_quote, Data, DeriveInput, Fields, Generics, Ident, Type,
    WherePredicate,
};

/// Derives `pymm::Trace`; see the crate docs.
#[proc_macro_derive(Trace, attributes(trace))]
pub fn derive_trace(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(input) {
        Ok(tokens) => tokens.into(),
        Err(err) => err.to_compile_error().into(),
    }
}

/// What the type-level `#[trace(...)]` attributes ask for.
#[derive(Default)]
struct TypeOptions {
    finalize: bool,
    /// `#[trace(bound = "...")]`: these predicates instead of the inferred ones.
    bound: Option<Vec<WherePredicate>>,
}

fn expand(mut input: DeriveInput) -> syn::Result<TokenStream2> {
    let options = type_options(&input.attrs)?;
    let finalizer = if options.finalize {
        quote! {
            const HAS_FINALIZER: bool = true;
            fn finalize(this: &::pymm::Gc<Self>) {
                <Self as ::pymm::Finalize>::finalize(this)
            }
        }
    } else {
        quote! {}
    };
    let (arms, field_types) = match &input.data {
        Data::Struct(data) => {
            let (pattern, visits, types) = destructure(&data.fields)?;
            (quote! { Self #pattern => { #(#visits)* } }, types)
        }
        Data::Enum(data) => {
            let mut arms = Vec::new();
            let mut types = Vec::new();
            for variant in &data.variants {
                let name = &variant.ident;
                let (pattern, visits, mut vtypes) = destructure(&variant.fields)?;
                arms.push(quote! { Self::#name #pattern => { #(#visits)* } });
                types.append(&mut vtypes);
            }
            (quote! { #(#arms)* }, types)
        }
        Data::Union(u) => {
            return Err(syn::Error::new(
                u.union_token.span,
                "#[derive(Trace)] does not support unions: which field is live is unknown; \
                 write `unsafe impl Trace` by hand",
            ))
        }
    };
    let predicates = match options.bound {
        Some(predicates) => predicates,
        None => inferred_bounds(&input.generics, &field_types),
    };
    input
        .generics
        .make_where_clause()
        .predicates
        .extend(predicates);
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let may_contain = field_types.iter().map(|ty| {
        let ty = without_recursion(ty, &input.ident);
        quote_spanned! {ty.span()=> || <#ty as ::pymm::Trace>::MAY_CONTAIN_GC }
    });
    // A recursive use counts as fixed: the other fields decide (as for MAY_CONTAIN_GC).
    let fixed_edges = field_types.iter().map(|ty| {
        let ty = without_recursion(ty, &input.ident);
        quote_spanned! {ty.span()=> && <#ty as ::pymm::Trace>::FIXED_EDGES }
    });
    // The weakest kind of the fields (a recursive use again left to the others).
    let edges = field_types.iter().map(|ty| {
        let ty = without_recursion(ty, &input.ident);
        quote_spanned! {ty.span()=> .weakest(<#ty as ::pymm::Trace>::EDGES) }
    });
    Ok(quote! {
        // SAFETY: every non-skipped field is traced exactly once.
        unsafe impl #impl_generics ::pymm::Trace for #name #ty_generics #where_clause {
            const MAY_CONTAIN_GC: bool = false #(#may_contain)*;
            const FIXED_EDGES: bool = true #(#fixed_edges)*;
            const EDGES: ::pymm::Edges = ::pymm::Edges::Fixed #(#edges)*;
            #finalizer
            #[allow(unused_variables)]
            fn trace(&self, tracer: &mut ::pymm::Tracer<'_>) {
                #[allow(unreachable_patterns)]
                match self {
                    #arms
                    _ => {}
                }
            }
        }
    })
}

/// A pattern binding the traced fields, the visit statements, and the traced field types.
fn destructure(fields: &Fields) -> syn::Result<(TokenStream2, Vec<TokenStream2>, Vec<Type>)> {
    let mut bindings = Vec::new();
    let mut visits = Vec::new();
    let mut types = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        if is_skipped(field)? {
            continue;
        }
        let binding = format_ident!("__pymm_field_{}", index);
        let member = match &field.ident {
            Some(ident) => quote! { #ident },
            None => {
                let index = syn::Index::from(index);
                quote! { #index }
            }
        };
        let ty = &field.ty;
        bindings.push(quote! { #member: #binding });
        // Spanned at the field's type: "`X: Trace` is not satisfied" points at the field.
        // (Only the path: identifiers spanned there could resolve in the caller's macro
        // hygiene, not this impl's.)
        let trace_fn = quote_spanned! {ty.span()=> <#ty as ::pymm::Trace>::trace };
        visits.push(quote! { #trace_fn(#binding, tracer); });
        types.push(ty.clone());
    }
    let pattern = match fields {
        Fields::Unit => quote! {},
        _ => quote! { { #(#bindings,)* .. } },
    };
    Ok((pattern, visits, types))
}

/// The field type with the type's own name (a recursive use, e.g. `Option<Box<List<T>>>`)
/// replaced by `()`: `MAY_CONTAIN_GC` is the OR over the fields, so a recursive use adds
/// nothing the other fields do not, and leaving it in would make the constant depend on
/// itself (a compile error).
fn without_recursion(ty: &Type, own_name: &Ident) -> Type {
    struct Replace<'a>(&'a Ident);
    impl VisitMut for Replace<'_> {
        fn visit_type_mut(&mut self, ty: &mut Type) {
            if let Type::Path(path) = ty {
                let single = path.qself.is_none() && path.path.segments.len() == 1;
                let ident = &path.path.segments[0].ident;
                if single && (ident == self.0 || ident == "Self") {
                    *ty = parse_quote!(());
                    return;
                }
            }
            syn::visit_mut::visit_type_mut(self, ty);
        }
    }
    let mut ty = ty.clone();
    Replace(own_name).visit_type_mut(&mut ty);
    ty
}

/// `T: Trace` for each type parameter a traced field uses as a value, `T::Assoc: Trace` for
/// each associated type it uses (see the crate docs).
fn inferred_bounds(generics: &Generics, field_types: &[Type]) -> Vec<WherePredicate> {
    let params: Vec<&Ident> = generics.type_params().map(|p| &p.ident).collect();
    let mut uses = ParamUses {
        params: &params,
        params_used: Vec::new(),
        projections: Vec::new(),
    };
    for ty in field_types {
        uses.visit_type(ty);
    }
    let mut predicates: Vec<WherePredicate> = params
        .iter()
        .filter(|p| uses.params_used.contains(p))
        .map(|p| parse_quote!(#p: ::pymm::Trace))
        .collect();
    predicates.extend(
        uses.projections
            .iter()
            .map(|ty| -> WherePredicate { parse_quote!(#ty: ::pymm::Trace) }),
    );
    predicates
}

/// Walks a field type, noting the type parameters it uses by value.
struct ParamUses<'p> {
    params: &'p [&'p Ident],
    params_used: Vec<&'p Ident>,
    /// `T::Assoc` paths (kept whole, deduplicated).
    projections: Vec<Type>,
}

/// Types that are `Trace` whatever their parameters are: what is inside needs no bound.
const TRACE_FOR_ANY_PARAMETER: &[&str] = &["PhantomData", "Gc", "Weak"];

impl<'ast> Visit<'ast> for ParamUses<'_> {
    fn visit_type_path(&mut self, ty: &'ast syn::TypePath) {
        let path = &ty.path;
        if ty.qself.is_some() {
            // `<T as Trait>::Assoc`: bound the projection itself.
            let projection = Type::Path(ty.clone());
            if !self.projections.contains(&projection) {
                self.projections.push(projection);
            }
            return;
        }
        if path.leading_colon.is_none() {
            let first = &path.segments[0].ident;
            if let Some(param) = self.params.iter().find(|p| **p == first) {
                if path.segments.len() == 1 {
                    if !self.params_used.contains(param) {
                        self.params_used.push(param);
                    }
                } else {
                    let projection = Type::Path(ty.clone());
                    if !self.projections.contains(&projection) {
                        self.projections.push(projection);
                    }
                }
                return;
            }
        }
        let last = path.segments.last().map(|s| s.ident.to_string());
        if last.is_some_and(|name| TRACE_FOR_ANY_PARAMETER.contains(&name.as_str())) {
            return;
        }
        syn::visit::visit_type_path(self, ty);
    }

    /// Function pointers are `Trace` whatever their signature.
    fn visit_type_bare_fn(&mut self, _: &'ast syn::TypeBareFn) {}

    /// A macro's expansion cannot be seen: bound the whole type.
    fn visit_type_macro(&mut self, ty: &'ast syn::TypeMacro) {
        let whole = Type::Macro(ty.clone());
        if !self.projections.contains(&whole) {
            self.projections.push(whole);
        }
    }
}

/// Whether the field has `#[trace(skip)]`; any other `trace` argument is an error.
fn is_skipped(field: &syn::Field) -> syn::Result<bool> {
    let mut skip = false;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("trace")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("skip") {
                skip = true;
                Ok(())
            } else {
                Err(meta.error("unknown field attribute; expected `#[trace(skip)]`"))
            }
        })?;
    }
    Ok(skip)
}

/// The type-level `#[trace(finalize)]` and `#[trace(bound = "...")]`; anything else is an
/// error.
fn type_options(attrs: &[syn::Attribute]) -> syn::Result<TypeOptions> {
    let mut options = TypeOptions::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("trace")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("finalize") {
                options.finalize = true;
                Ok(())
            } else if meta.path.is_ident("bound") {
                let text: syn::LitStr = meta.value()?.parse()?;
                let predicates = text.parse_with(
                    syn::punctuated::Punctuated::<WherePredicate, syn::Token![,]>::parse_terminated,
                )?;
                options.bound = Some(predicates.into_iter().collect());
                Ok(())
            } else {
                Err(meta.error(
                    "unknown type attribute; expected `#[trace(finalize)]` or \
                     `#[trace(bound = \"T: Trace\")]`",
                ))
            }
        })?;
    }
    Ok(options)
}
