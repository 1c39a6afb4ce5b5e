"""The words of the math language: function aliases, Greek letters, LaTeX commands, Unicode.

Tables only, so that the lexer stays about reading characters and a reader can see at a
glance every spelling the parser accepts (the contract's section 2 table).
"""

from __future__ import annotations

from examgrade.mathlang.ast import FUNCTIONS

#: Every spelling of a function, mapped to its canonical name in `ast.FUNCTIONS`.
#: `sigma` is the sigmoid only when applied (`sigma(a)`); alone it is a name.
FUNCTION_ALIASES: dict[str, str] = {
    **{name: name for name in FUNCTIONS},
    "ln": "log",
    "tr": "trace",
    "Tr": "trace",
    "sigma": "sigmoid",
    "spectral_radius": "rho",
    "step": "heaviside",
    "ReLU": "relu",
    "norm": "norm",  # a Norm node, not a Call
    "transpose": "transpose",  # a Transpose node, not a Call
}

#: Functions that are also Greek letters: a call only when a parenthesis follows.
CALL_ONLY: frozenset[str] = frozenset({"sigma", "rho"})

#: Functions that may take their argument without parentheses, as in `\log p(x)`.
PREFIX_FUNCTIONS: frozenset[str] = frozenset(
    {
        "exp",
        "log",
        "ln",
        "sqrt",
        "sin",
        "cos",
        "tan",
        "tanh",
        "det",
        "tr",
        "Tr",
        "trace",
        "diag",
        "max",
        "min",
    }
)

GREEK: tuple[str, ...] = (
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
    "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau",
    "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda",
    "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega",
)  # fmt: skip

UNICODE_GREEK: dict[str, str] = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda",
    "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau",
    "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Φ": "Phi",
    "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip

#: `x_tilde`, `x_hat`: a suffix that makes one name, not a subscript.
DECORATIONS: frozenset[str] = frozenset({"tilde", "hat", "bar", "star", "prime", "dot"})

#: LaTeX accents that decorate the next name: `\tilde{x}` is `x_tilde`.
ACCENTS: dict[str, str] = {
    "tilde": "tilde", "widetilde": "tilde", "hat": "hat", "widehat": "hat",
    "bar": "bar", "overline": "bar", "dot": "dot",
}  # fmt: skip

#: Names made of a word, an underscore and a word that are one name, not a subscript.
COMPOUND_NAMES: frozenset[str] = frozenset({"lambda_max", "sigma_max", "spectral_radius"})

#: Wrappers whose braced content is read as a plain word (`\operatorname{tr}` is `tr`).
WORD_WRAPPERS: frozenset[str] = frozenset(
    {"operatorname", "mathrm", "text", "textrm", "mathit", "mathbf", "boldsymbol", "bm",
     "mathsf", "mathcal", "textit", "textbf", "mathbb", "mathnormal"}
)  # fmt: skip

#: LaTeX commands that are a plain function or name word (`\exp`, `\max`, `\lambda`).
WORD_COMMANDS: frozenset[str] = frozenset(
    {"exp", "log", "ln", "sin", "cos", "tan", "tanh", "det", "max", "min", "sqrt", "tr",
     "relu", "diag"}
    | set(GREEK)
)  # fmt: skip

#: LaTeX commands and Unicode characters that are one token of the grammar.
COMMAND_TOKENS: dict[str, tuple[str, str]] = {
    "cdot": ("STAR", "*"), "ast": ("STAR", "*"), "odot": ("ODOT", "odot"),
    "circ": ("ODOT", "odot"), "div": ("SLASH", "/"),
    "le": ("CMP", "<="), "leq": ("CMP", "<="), "leqslant": ("CMP", "<="),
    "ge": ("CMP", ">="), "geq": ("CMP", ">="), "geqslant": ("CMP", ">="),
    "lt": ("CMP", "<"), "gt": ("CMP", ">"),
    "sum": ("SUM", "sum"), "prod": ("PROD", "prod"), "frac": ("FRAC", "frac"),
    "dfrac": ("FRAC", "frac"), "tfrac": ("FRAC", "frac"), "int": ("INT", "int"),
}  # fmt: skip

UNICODE_TOKENS: dict[str, tuple[str, str]] = {
    "·": ("STAR", "*"), "⋅": ("STAR", "*"), "∗": ("STAR", "*"), "⊙": ("ODOT", "odot"),
    "∘": ("ODOT", "odot"), "÷": ("SLASH", "/"), "−": ("MINUS", "-"), "–": ("MINUS", "-"),
    "≤": ("CMP", "<="), "⩽": ("CMP", "<="), "≥": ("CMP", ">="), "⩾": ("CMP", ">="),
    "Σ": ("SUM", "sum"), "∑": ("SUM", "sum"), "∏": ("PROD", "prod"), "∫": ("INT", "int"),
    "ᵀ": ("TRANSPOSE", "T"),
}  # fmt: skip

#: Commands that only change the size of the next delimiter or the spacing: skipped.
SIZING: frozenset[str] = frozenset(
    {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
     "biggl", "biggr", "Biggl", "Biggr", "middle"}
)  # fmt: skip
SPACING: frozenset[str] = frozenset(
    {",", ";", ":", "!", " ", "quad", "qquad", "limits", "nolimits", "displaystyle",
     "textstyle"}
)  # fmt: skip

#: Unicode super- and subscripts (`W⁻¹`, `Wᵗ`, `h₀`, `xₜ₋ₖ`): their ASCII reading.
SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6",
                "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+", "ᵗ": "t", "ᵏ": "k",
                "ⁿ": "n", "ⁱ": "i", "ʲ": "j"}  # fmt: skip
SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6",
              "₇": "7", "₈": "8", "₉": "9", "₋": "-", "₊": "+", "ₜ": "t", "ₖ": "k",
              "ₙ": "n", "ᵢ": "i", "ⱼ": "j"}  # fmt: skip

#: Tokens after which a `|` or `||` closes (an operand just ended).
OPERAND_END: frozenset[str] = frozenset(
    {"NUMBER", "NAME", "RPAR", "RSQB", "RGROUP", "RBRACE", "RBAR", "RNORM", "TRANSPOSE"}
)

#: How each grammar terminal is shown in "expected ..." (symbols are the same in EN and FR).
TERMINAL_TEXT: dict[str, str] = {
    "RPAR": ")", "RSQB": "]", "RGROUP": "]", "RBRACE": "}", "RBAR": "|", "RNORM": "||",
    "COMMA": ",", "LPAR": "(", "LSQB": "[", "LBRACE": "{", "EQUAL": "=", "CMP": "<", "GIVEN": "|",
    "KLSEP": "||", "DIFF": "dz", "USCORE": "_", "POW": "^",
}  # fmt: skip
