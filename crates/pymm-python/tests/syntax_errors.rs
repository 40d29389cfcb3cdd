//! A program with a syntax error is reported as CPython 3.11 reports it: the file and line,
//! the line of source, the carets under the error (from the SyntaxError's `offset` and
//! `end_offset`), the message; the same stderr as `python3`, byte for byte.

mod support;

use std::process::Command;
use std::time::Duration;

use support::{map_in_parallel, pymm_binary, run_with_timeout, Outcome};

fn run(program: Command) -> Outcome {
    run_with_timeout(program, Duration::from_secs(60)).unwrap_or_else(|err| panic!("{err}"))
}

/// The programs, each with one error CPython and pymm word and locate alike.
const PROGRAMS: &[(&str, &str)] = &[
    ("unclosed_paren", "x = 1\ny = (1 +\nprint('a')\n"),
    ("unclosed_bracket_then_more", "x = [1, 2\ny = 3\n"),
    ("bad_token", "def f():\n    return 1 +* 2\n"),
    ("two_names", "a b\n"),
    (
        "await_outside",
        "x = 5\nfor i in range(3):\n    await foo()\n",
    ),
    ("await_outside_async", "def f():\n    return await g()\n"),
    (
        "yield_from_in_async",
        "async def f():\n    yield from g()\n",
    ),
    (
        "async_for_outside",
        "def f():\n    async for x in y:\n        pass\n",
    ),
    ("return_outside", "if True:\n        return 5\n"),
    ("unterminated_string", "x = 'abc\n"),
    // CPython's wording of each mistake (its grammar's `invalid_*` rules, its tokenizer, its
    // symbol table and compiler), each over CPython's span
    ("arg_after_kwargs", "f(**k, *a)\n"),
    ("assign_call", "f() = 1\n"),
    ("assign_eq_if", "if x = 1:\n    pass\n"),
    ("assign_literal", "1 = x\n"),
    ("async_lambda", "x = lambda: await y\n"),
    ("aug_assign_tuple", "a, b += 1\n"),
    ("break_outside", "break\n"),
    ("comp_assign", "[x for x in y] = 1\n"),
    ("continue_outside", "continue\n"),
    ("dedent_bad", "def f():\n    x = 1\n  y = 2\n"),
    (
        "default_except_not_last",
        "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
    ),
    ("del_literal", "del 1\n"),
    ("dict_missing_value", "d = {1: }\n"),
    ("double_star_assign", "a = **b\n"),
    ("dup_arg", "def f(a, a):\n    pass\n"),
    ("else_without_if", "else:\n    pass\n"),
    ("eof_try", "try:\n    pass\n"),
    ("eq_in_call_kw", "f(x.y=1)\n"),
    ("exec_stmt", "exec 'x'\n"),
    ("expected_indent", "def f():\nreturn 1\n"),
    ("fstring", "f'{'\n"),
    ("global_after_use", "def f():\n    x = 1\n    global x\n"),
    ("import_star_func", "def f():\n    from os import *\n"),
    ("in_for_missing", "for x y:\n    pass\n"),
    ("invalid_char", "x = 1 $ 2\n"),
    ("invalid_decimal", "x = 1abc\n"),
    ("keyword_arg_repeated", "f(a=1, a=2)\n"),
    ("keyword_assign", "True = 1\n"),
    ("lambda_default", "def f(a=1, b):\n    pass\n"),
    ("leading_zero", "x = 012\n"),
    ("mc", "def f()\n    pass\n"),
    ("mismatch", "x = (1, 2]\n"),
    ("mismatch2", "x = (1,\n 2]\n"),
    ("missing_colon_if", "if x\n    pass\n"),
    ("missing_comma", "x = [1, 2 3]\n"),
    ("missing_paren_call", "print('a'\n"),
    ("nonlocal_module", "nonlocal x\n"),
    ("pk", "f(a=1, *b, 2)\n"),
    ("plus_eol", "x = 1 +\n"),
    ("positional_after_kw", "f(a=1, 2)\n"),
    ("print_stmt", "print 'hello'\n"),
    ("return_in_class", "class A:\n    return 1\n"),
    ("star_expr", "print(*)\n"),
    ("starred_assign", "*a = 1\n"),
    ("tabs", "if 1:\n\tx=1\n        y=2\n"),
    ("try_no_except", "try:\n    pass\nx = 1\n"),
    ("unicode_quote", "x = \u{201c}hello\u{201d}\n"),
    ("unindent", "def f():\n  x = 1\n    y = 2\n"),
    ("unmatched_close", "x = 1)\n"),
    ("unterminated_triple", "x = '''abc\n"),
    ("walrus", "(a.b := 1)\n"),
    ("yield_outside", "yield 1\n"),
    ("cannot_assign_to_function_call", "x = f() = 1\n"),
    (
        "cannot_assign_to_function_call_here_mayb",
        "a, f() = 1, 2\n",
    ),
    ("cannot_assign_to_function_call_2", "for f() in x: pass\n"),
    ("cannot_assign_to_function_call_3", "with a as f(): pass\n"),
    ("cannot_assign_to_expression_here_maybe_y", "-a = 1\n"),
    ("cannot_assign_to_expression", "not a = 1\n"),
    ("cannot_assign_to_comparison", "a < b = 1\n"),
    ("cannot_assign_to_expression_here_maybe_y_2", "a + 1 = 2\n"),
    ("tuple_is_an_illegal_expression_for_augm", "(a, b) += 1\n"),
    ("function_call_is_an_illegal_expression", "f() += 1\n"),
    ("list_is_an_illegal_expression_for_augme", "[a] += 1\n"),
    ("cannot_delete_function_call", "del f()\n"),
    ("cannot_delete_literal", "del (a, 1)\n"),
    (
        "cannot_assign_to_function_call_here_mayb_2",
        "if f() = 1:\n    pass\n",
    ),
    (
        "invalid_syntax_maybe_you_meant_or_instea",
        "while x = 1: pass\n",
    ),
    ("expected", "def f() x:\n    pass\n"),
    ("invalid_syntax", "class A(B) x:\n    pass\n"),
    ("expected_2", "if x\n"),
    (
        "expected_an_indented_block_after_for_sta",
        "for x in y:\npass\n",
    ),
    ("invalid_decimal_literal", "x = 12abc\n"),
    ("invalid_imaginary_literal", "x = 1.5j2\n"),
    ("invalid_decimal_literal_2", "x = 1_\n"),
    (
        "iterable_argument_unpacking_follows_keyw",
        "f(**k, *a, b)\n",
    ),
    ("positional_argument_follows_keyword_argu", "f(**k, b)\n"),
    (
        "generator_expression_must_be_parenthesiz",
        "f(a for a in b, c)\n",
    ),
    ("invalid_syntax_perhaps_you_forgot_a_comm", "print(a b)\n"),
    (
        "invalid_syntax_perhaps_you_forgot_a_comm_2",
        "x = [1, f(2) 3]\n",
    ),
    ("invalid_syntax_2", "x = 2 3\n"),
    ("named_arguments_must_follow_bare", "def f(*, **k): pass\n"),
    (
        "duplicate_argument_a_in_function_definit",
        "lambda a, a: 0\n",
    ),
    (
        "name_a_is_parameter_and_global",
        "def f(a):\n    global a\n",
    ),
    (
        "name_x_is_used_prior_to_global_declarati",
        "def f():\n    print(x)\n    global x\n",
    ),
    (
        "name_x_is_assigned_to_before_nonlocal_de",
        "def g():\n  x=1\n  def f():\n    x = 2\n    nonlocal x\n",
    ),
    (
        "unterminated_triple_quoted_string_litera",
        "x = '''abc\n\ndef\n",
    ),
    ("unterminated_string_literal_detected_at", "s = 'abc\\\n"),
    ("invalid_non_printable_character_u_00a0", "x = 1 \u{a0} 2\n"),
    ("keyword_argument_repeated_a", "f(a=1, b=2, a=3)\n"),
    ("keyword_argument_repeated_x", "class A(x=1, x=2): pass\n"),
    ("f_string_invalid_conversion_character_ex", "f'{a!z}'\n"),
    ("f_string_single_is_not_allowed", "f'}'\n"),
    ("invalid_syntax_3", "import a as\n"),
    ("was_never_closed", "from x import (a, b\n"),
    ("expected_after_dictionary_key", "x = {1: 2, 3}\n"),
    ("expected_else_after_if_expression", "a = 1 if b\n"),
    (
        "generator_expression_must_be_parenthesiz_2",
        "f(a, b for b in c)\n",
    ),
    (
        "assignment_to_yield_expression_not_possi",
        "x = yield = 1\n",
    ),
    ("true_is_an_illegal_expression_for_augme", "True += 1\n"),
    ("cannot_assign_to_yield_expression_here_m", "(yield) = 1\n"),
    (
        "list_comprehension_is_an_illegal_expres",
        "[x for x in y] += 1\n",
    ),
    ("cannot_assign_to_ellipsis_here_maybe_you", "...= 1\n"),
    ("cannot_assign_to_none", "None = 1\n"),
    (
        "non_default_argument_follows_default_arg",
        "def f(a=1, /, b):\n    pass\n",
    ),
    ("invalid_syntax_4", "else:\n"),
    ("invalid_syntax_5", "elif x:\n    pass\n"),
    ("return_outside_function", "return\n"),
    ("unexpected_character_after_line_continua", "x = 1 \\ 2\n"),
    ("illegal_target_for_annotation", "f(): int = 1\n"),
    (
        "only_single_target_not_tuple_can_be_anno",
        "(a, b): int = 1\n",
    ),
    ("invalid_syntax_6", "if x y:\n    pass\n"),
    ("expected_3", "class A(B)\n    pass\n"),
    ("expected_4", "while x\n  pass\n"),
    (
        "invalid_syntax_perhaps_you_forgot_a_comm_3",
        "x = (1,\n2 3)\n",
    ),
    (
        "invalid_syntax_perhaps_you_forgot_a_comm_4",
        "print(a b + 1, c)\n",
    ),
    (
        "invalid_syntax_perhaps_you_forgot_a_comm_5",
        "x = [1 2 + 3]\n",
    ),
    ("expression_cannot_contain_assignment_per", "f(a.b=1)\n"),
    ("expression_cannot_contain_assignment_per_2", "f(a()=1)\n"),
    (
        "missing_parentheses_in_call_to_print_did",
        "print \"x\", 1\n",
    ),
    ("missing_parentheses_in_call_to_print_did_2", "print x; y\n"),
    ("named_arguments_must_follow_bare_2", "def f(*):\n  pass\n"),
    ("invalid_digit_2_in_binary_literal", "x = 0b2\n"),
    ("invalid_decimal_literal_3", "x = 1e\n"),
    ("invalid_syntax_7", "x = 5 if\n"),
    (
        "inconsistent_use_of_tabs_and_spaces_in_i",
        "if 1:\n        x = 1\n\ty = 2\n",
    ),
    (
        "inconsistent_use_of_tabs_and_spaces_in_i_2",
        "if 1:\n\tif 2:\n\t\tx=1\n        y=2\n",
    ),
    (
        "unindent_does_not_match_any_outer_indent",
        "class A:\n    def f(self):\n        pass\n   def g(self): pass\n",
    ),
    (
        "invalid_syntax_perhaps_you_forgot_a_comm_6",
        "x = {'a' 1}\n",
    ),
    (
        "arguments_cannot_follow_var_keyword_argu",
        "def f(**k, a): pass\n",
    ),
    (
        "arguments_cannot_follow_var_keyword_argu_2",
        "def f(a, *, b, **c, d): pass\n",
    ),
    ("invalid_syntax_8", "x = [i for i in range(3) if]\n"),
    ("invalid_syntax_9", "import\n"),
    ("invalid_syntax_10", "from . import\n"),
    ("invalid_syntax_11", "a = b = \n"),
    ("invalid_syntax_12", "@\ndef f(): pass\n"),
    ("invalid_syntax_13", "x = 1 if 2 else\n"),
    ("invalid_syntax_14", "assert\n"),
    ("invalid_syntax_15", "raise from x\n"),
    ("invalid_syntax_16", "def f(:\n    pass\n"),
    ("expected_an_indented_block_after_if_stat", "if x:\npass\n"),
    (
        "unindent_does_not_match_any_outer_indent_2",
        "while 1:\n  break\n else:\n  pass\n",
    ),
    ("invalid_syntax_17", "x = 'a' 'b' c\n"),
    ("invalid_syntax_18", "lambda x: yield\n"),
    ("was_never_closed_2", "a = (1, 2, 3\nb = 4\n"),
    (
        "f_string_invalid_conversion_character_ex_2",
        "print(f'{x!}')\n",
    ),
    ("invalid_character_u_2603", "x = \u{e9}t\u{e9} + \u{2603}\n"),
    (
        "yield_from_inside_async_function",
        "async def f():\n    yield from x\n",
    ),
    (
        "await_outside_function",
        "def f():\n    yield\n    return 1\nclass C:\n    await x\n",
    ),
];

#[test]
fn syntax_errors_are_reported_as_cpython_reports_them() {
    let dir = std::env::temp_dir().join(format!("pymm-syntax-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let python = std::env::var("PYMM_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let failures: Vec<String> = map_in_parallel(PROGRAMS, 2, |(name, source)| {
        let path = dir.join(format!("{name}.py"));
        std::fs::write(&path, source).expect("written");
        let mut cpython = Command::new(&python);
        cpython.arg(&path).env("PYTHONDONTWRITEBYTECODE", "1");
        let mut pymm = Command::new(pymm_binary());
        pymm.arg("run").arg(&path);
        let (expected, got) = (run(cpython), run(pymm));
        ((&expected.stderr, &expected.ending) != (&got.stderr, &got.ending)).then(|| {
            format!(
                "{name}:\n  python3: {:?}\n  pymm:    {:?}",
                expected.stderr, got.stderr
            )
        })
    })
    .into_iter()
    .flatten()
    .collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
