//! `#[derive(Trace)]` for pymm.
//!
//! Generates an `unsafe impl pymm::Trace` whose `trace` visits every field once (fields
//! marked `#[trace(skip)]` are left out: they must own no handle, or the handles they own
//! count as roots) and whose `MAY_CONTAIN_GC` is the OR of the traced fields' constants.
//! Every type parameter gets a `Trace` bound.
//!
//! `#[trace(finalize)]` on the type sets `HAS_FINALIZER` and makes `Trace::finalize` call
//! the type's `pymm::Finalize` impl (Python's `__del__`).
//!
//! ```ignore
//! #[derive(pymm::Trace)]
//! struct Node<T> {
//!     value: T,
//!     children: Vec<pymm::Gc<Node<T>>>,
//!     #[trace(skip)]
//!     label: std::rc::Rc<str>,
//! }
//! ```

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote};
use syn::{parse_macro_input, parse_quote, Data, DeriveInput, Fields, Type};

/// Derives `pymm::Trace`; see the crate docs.
#[proc_macro_derive(Trace, attributes(trace))]
pub fn derive_trace(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(input) {
        Ok(tokens) => tokens.into(),
        Err(err) => err.to_compile_error().into(),
    }
}

fn expand(mut input: DeriveInput) -> syn::Result<TokenStream2> {
    let finalizer = if has_finalize_attr(&input.attrs)? {
        quote! {
            const HAS_FINALIZER: bool = true;
            fn finalize(this: &::pymm::Gc<Self>) {
                <Self as ::pymm::Finalize>::finalize(this)
            }
        }
    } else {
        quote! {}
    };
    for param in input.generics.type_params_mut() {
        param.bounds.push(parse_quote!(::pymm::Trace));
    }
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
                "#[derive(Trace)] does not support unions: which field is live is unknown",
            ))
        }
    };
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        // SAFETY: every non-skipped field is traced exactly once.
        unsafe impl #impl_generics ::pymm::Trace for #name #ty_generics #where_clause {
            const MAY_CONTAIN_GC: bool = false #(|| <#field_types as ::pymm::Trace>::MAY_CONTAIN_GC)*;
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
        bindings.push(quote! { #member: #binding });
        visits.push(quote! { ::pymm::Trace::trace(#binding, tracer); });
        types.push(field.ty.clone());
    }
    let pattern = match fields {
        Fields::Unit => quote! {},
        _ => quote! { { #(#bindings,)* .. } },
    };
    Ok((pattern, visits, types))
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
                Err(meta.error("unknown trace attribute; expected `#[trace(skip)]`"))
            }
        })?;
    }
    Ok(skip)
}

/// Whether the type has `#[trace(finalize)]`; any other type-level argument is an error.
fn has_finalize_attr(attrs: &[syn::Attribute]) -> syn::Result<bool> {
    let mut finalize = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("trace")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("finalize") {
                finalize = true;
                Ok(())
            } else {
                Err(meta.error("unknown trace attribute; expected `#[trace(finalize)]`"))
            }
        })?;
    }
    Ok(finalize)
}
