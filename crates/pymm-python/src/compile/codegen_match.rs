//! Code generation for `match` statements (PEP 634), in the way CPython compiles them.
//!
//! The subject stays on the stack while the cases are tried. Each case works on a copy:
//! pattern code consumes the value on top of the stack and either falls through (it matched,
//! and every capture is bound) or jumps to a failure label. Sub-patterns push what they take
//! apart (a sequence's items, a mapping's values, a class pattern's attributes), so a failure
//! may leave several values above the subject: every failing jump records how many, and the
//! failure labels of a case are a run of `PopTop`s, entered at the right depth, that end where
//! the next case starts. Names are bound as soon as their sub-pattern matches, which PEP 634
//! allows (a failed case may leave some of its captures bound).
//!
//! Invariant: `depth` counts the values above the case's base (the subject itself excluded)
//! at the current point of the generated code; a failing jump pops exactly that many.

use ruff_python_ast::{self as ast, Pattern, Singleton};
use ruff_text_size::Ranged;

use super::codegen::{CResult, Compiler, NameOp};
use super::{CmpOp, Constants, Instr};

/// The failing jumps of one case (or one alternative of an or-pattern), with the number of
/// values each leaves on the stack.
#[derive(Default)]
struct Failures {
    jumps: Vec<(usize, usize)>,
}

impl<'a, C: Constants> Compiler<'a, C> {
    /// `match subject: case ...`.
    pub(super) fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> CResult {
        self.expr(&m.subject)?;
        let mut ends = Vec::new();
        for (i, case) in m.cases.iter().enumerate() {
            self.check_reachable(case, i + 1 == m.cases.len())?;
            self.set_line(case.range().start());
            let mut failures = Failures::default();
            self.emit(Instr::DupTop);
            self.pattern(&case.pattern, 1, &mut failures)?;
            if let Some(guard) = &case.guard {
                self.expr(guard)?;
                failures.jump_if_false(self, 0);
            }
            self.emit(Instr::PopTop); // the subject: the case's body runs without it
            self.body(&case.body)?;
            ends.push(self.emit(Instr::Jump(0)));
            self.emit_failure_labels(failures);
        }
        self.emit(Instr::PopTop); // no case matched
        for end in ends {
            self.patch(end);
        }
        Ok(())
    }

    /// An irrefutable case (a bare capture or `_`, without guard) must be the last one.
    fn check_reachable(&self, case: &ast::MatchCase, is_last: bool) -> CResult {
        if is_last || case.guard.is_some() || !case.pattern.is_irrefutable() {
            return Ok(());
        }
        let message = match irrefutable_capture(&case.pattern) {
            Some(name) => format!("name capture '{name}' makes remaining patterns unreachable"),
            None => "wildcard makes remaining patterns unreachable".to_string(),
        };
        Err(self.error(message, &case.pattern))
    }

    /// Code that consumes the value on top of the stack and matches it against `pattern`;
    /// `depth` counts the values above the case's base, that value included.
    fn pattern(&mut self, pattern: &'a Pattern, depth: usize, fail: &mut Failures) -> CResult {
        match pattern {
            Pattern::MatchValue(p) => {
                self.expr(&p.value)?;
                self.emit(Instr::Compare(CmpOp::Eq));
                fail.jump_if_false(self, depth - 1);
            }
            Pattern::MatchSingleton(p) => {
                match p.value {
                    Singleton::None => self.emit_const_none(),
                    Singleton::True => self.emit_const_bool(true),
                    Singleton::False => self.emit_const_bool(false),
                }
                self.emit(Instr::Is(false));
                fail.jump_if_false(self, depth - 1);
            }
            Pattern::MatchAs(p) => self.pattern_as(p, depth, fail)?,
            Pattern::MatchStar(p) => self.capture(p.name.as_ref()),
            Pattern::MatchSequence(p) => self.pattern_sequence(&p.patterns, depth, fail)?,
            Pattern::MatchMapping(p) => self.pattern_mapping(p, depth, fail)?,
            Pattern::MatchClass(p) => self.pattern_class(p, depth, fail)?,
            Pattern::MatchOr(p) => self.pattern_or(&p.patterns, depth, fail)?,
        }
        Ok(())
    }

    /// Binds the value on top of the stack to `name`, or drops it for `_`.
    fn capture(&mut self, name: Option<&ast::Identifier>) {
        match name {
            Some(name) => self.name_op(&name.id, NameOp::Store),
            None => {
                self.emit(Instr::PopTop);
            }
        }
    }

    /// `pattern as name`, a bare capture `name`, or the wildcard `_`.
    fn pattern_as(
        &mut self,
        p: &'a ast::PatternMatchAs,
        depth: usize,
        fail: &mut Failures,
    ) -> CResult {
        if let Some(inner) = &p.pattern {
            self.emit(Instr::DupTop);
            self.pattern(inner, depth + 1, fail)?;
        }
        self.capture(p.name.as_ref());
        Ok(())
    }

    /// `[p1, *rest, pn]`: checks kind and length, then matches the items in order.
    fn pattern_sequence(
        &mut self,
        items: &'a [Pattern],
        depth: usize,
        fail: &mut Failures,
    ) -> CResult {
        let star = items
            .iter()
            .position(|p| matches!(p, Pattern::MatchStar(_)));
        let fixed = items.len() - usize::from(star.is_some());
        self.emit(Instr::MatchSequence(
            fixed as u16,
            u16::from(star.is_some()),
        ));
        fail.jump_if_false(self, depth);
        match star {
            Some(at) => self.emit(Instr::UnpackEx(at as u16, (items.len() - at - 1) as u16)),
            None => self.emit(Instr::UnpackSequence(items.len() as u32)),
        };
        self.sub_patterns(items.iter(), depth - 1, fail)
    }

    /// Matches the values an unpacking pushed (first on top) against `patterns`, in order.
    fn sub_patterns(
        &mut self,
        patterns: impl ExactSizeIterator<Item = &'a Pattern>,
        depth: usize,
        fail: &mut Failures,
    ) -> CResult {
        let count = patterns.len();
        for (i, p) in patterns.enumerate() {
            self.pattern(p, depth + count - i, fail)?;
        }
        Ok(())
    }

    /// `{k1: p1, ..., **rest}`.
    fn pattern_mapping(
        &mut self,
        p: &'a ast::PatternMatchMapping,
        depth: usize,
        fail: &mut Failures,
    ) -> CResult {
        for key in &p.keys {
            self.expr(key)?;
        }
        self.emit(Instr::BuildTuple(p.keys.len() as u32));
        let rest = u16::from(p.rest.is_some());
        self.emit(Instr::MatchMapping(p.keys.len() as u16, rest));
        // the subject is consumed; [rest,] values (or None) are on the stack
        let pushed = depth - 1 + 1 + usize::from(rest);
        self.fail_if_none(pushed, fail);
        self.emit(Instr::UnpackSequence(p.patterns.len() as u32));
        self.sub_patterns(p.patterns.iter(), pushed - 1, fail)?;
        if let Some(rest) = &p.rest {
            self.name_op(&rest.id, NameOp::Store);
        }
        Ok(())
    }

    /// `Class(p1, ..., attr=q1, ...)`.
    fn pattern_class(
        &mut self,
        p: &'a ast::PatternMatchClass,
        depth: usize,
        fail: &mut Failures,
    ) -> CResult {
        let args = &p.arguments;
        self.expr(&p.cls)?;
        for keyword in &args.keywords {
            self.emit_const_str(&keyword.attr.id);
        }
        self.emit(Instr::BuildTuple(args.keywords.len() as u32));
        self.emit(Instr::MatchClass(args.patterns.len() as u32));
        self.fail_if_none(depth, fail);
        let count = args.patterns.len() + args.keywords.len();
        self.emit(Instr::UnpackSequence(count as u32));
        let all = args
            .patterns
            .iter()
            .chain(args.keywords.iter().map(|k| &k.pattern));
        let all: Vec<&'a Pattern> = all.collect();
        self.sub_patterns(all.into_iter(), depth - 1, fail)
    }

    /// `p1 | p2 | ...`: each alternative but the last works on a copy; the first that matches
    /// wins, and only the last one's failure is the pattern's failure.
    fn pattern_or(
        &mut self,
        alternatives: &'a [Pattern],
        depth: usize,
        fail: &mut Failures,
    ) -> CResult {
        let (last, others) = alternatives
            .split_last()
            .expect("an or-pattern has alternatives");
        let mut matched = Vec::new();
        for alternative in others {
            let mut alternative_fails = Failures::default();
            self.emit(Instr::DupTop);
            // this alternative's failures pop back to the original value, then try the next
            self.pattern(alternative, 1, &mut alternative_fails)?;
            self.emit(Instr::PopTop);
            matched.push(self.emit(Instr::Jump(0)));
            self.emit_failure_labels(alternative_fails);
        }
        self.pattern(last, depth, fail)?;
        for jump in matched {
            self.patch(jump);
        }
        Ok(())
    }

    /// Fails when the value on top of the stack is None (leaving `pushed` values, that one
    /// included).
    fn fail_if_none(&mut self, pushed: usize, fail: &mut Failures) {
        self.emit(Instr::DupTop);
        self.emit_const_none();
        self.emit(Instr::Is(true));
        fail.jump_if_false(self, pushed);
    }

    /// The failure labels: a `PopTop` for each value the deepest failure leaves, each failing
    /// jump entering the run where exactly its values remain, ending where the code goes on.
    fn emit_failure_labels(&mut self, failures: Failures) {
        let deepest = failures.jumps.iter().map(|&(_, n)| n).max().unwrap_or(0);
        let start = self.here();
        for _ in 0..deepest {
            self.emit(Instr::PopTop);
        }
        for (jump, pushed) in failures.jumps {
            self.patch_to(jump, start + (deepest - pushed) as u32);
        }
    }
}

impl Failures {
    /// Emits a jump taken when the value on top of the stack is false, leaving `pushed`
    /// values above the case's base.
    fn jump_if_false<C: Constants>(&mut self, c: &mut Compiler<'_, C>, pushed: usize) {
        let at = c.emit(Instr::PopJumpIfFalse(0));
        self.jumps.push((at, pushed));
    }
}

/// The name an irrefutable pattern captures (None for the wildcard).
fn irrefutable_capture(pattern: &Pattern) -> Option<&str> {
    match pattern {
        Pattern::MatchAs(p) => match &p.pattern {
            Some(inner) => irrefutable_capture(inner),
            None => p.name.as_ref().map(|n| n.id.as_str()),
        },
        Pattern::MatchOr(p) => p.patterns.iter().find_map(irrefutable_capture),
        _ => None,
    }
}
