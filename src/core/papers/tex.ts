/**
 * TeX as arXiv writes titles, abstracts and names ("BrowseComp-$V^3$", "a $2.7\times$ speedup",
 * "Codebook Size $\mathit{2^{128}}$", "Bal\'azs"), read as text for people: math between dollar
 * signs becomes Unicode where it has a form (×, ≈, α, ³, ₁, ℝ), font commands keep their
 * argument, escapes lose their backslash. The store keeps what the source wrote (`--json` prints
 * it); messages and the terminal show this.
 */

/** TeX accent commands and the combining marks they stand for. */
const ACCENTS: Record<string, string> = { "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307', u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a' };
const ACCENT = /\\(['`^"~=.])\s*(?:\{\\?([A-Za-z])\}|\\?([A-Za-z]))|\\([uvHckr])(?:\{\\?([A-Za-z])\}|\s+([A-Za-z]))/g;
const LETTERS: Record<string, string> = { ss: 'ß', o: 'ø', O: 'Ø', aa: 'å', AA: 'Å', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', l: 'ł', L: 'Ł', i: 'ı' };

/**
 * Accented letters as TeX writes them: "Bal\\'azs", "G{\\\"o}del", "{\\L}ukasz", "Erd\\H{o}s"
 * (arXiv's own metadata). Text without a backslash is returned as is.
 */
export function fromTexAccents(text: string): string {
  if (!text.includes('\\')) return text;
  return accented(text).replace(/\{([^{}\\]*)\}/g, '$1').normalize('NFC');
}

function accented(text: string): string {
  return text
    .replace(ACCENT, (_m, a?: string, x?: string, w?: string, b?: string, y?: string, z?: string) => `${(x ?? w ?? y ?? z)!}${ACCENTS[(a ?? b)!]}`)
    .replace(/\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i)(?![A-Za-z])\s?/g, (_m, w: string) => LETTERS[w]!);
}

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};

const SYMBOLS: Record<string, string> = {
  ...GREEK,
  times: '×', cdot: '·', pm: '±', mp: '∓', div: '÷', approx: '≈', sim: '~', simeq: '≃', cong: '≅', equiv: '≡', neq: '≠', ne: '≠',
  leq: '≤', le: '≤', geq: '≥', ge: '≥', ll: '≪', gg: '≫', propto: '∝', infty: '∞', to: '→', rightarrow: '→', leftarrow: '←',
  Rightarrow: '⇒', Leftarrow: '⇐', leftrightarrow: '↔', Leftrightarrow: '⇔', mapsto: '↦', uparrow: '↑', downarrow: '↓',
  in: '∈', notin: '∉', subset: '⊂', subseteq: '⊆', supset: '⊃', cup: '∪', cap: '∩', forall: '∀', exists: '∃', neg: '¬',
  land: '∧', lor: '∨', wedge: '∧', vee: '∨', nabla: '∇', partial: '∂', sum: '∑', prod: '∏', int: '∫', sqrt: '√', circ: '∘',
  star: '⋆', ast: '∗', dagger: '†', ddagger: '‡', ldots: '…', cdots: '⋯', dots: '…', prime: '′', degree: '°', checkmark: '✓',
  emptyset: '∅', varnothing: '∅', top: '⊤', bot: '⊥', langle: '⟨', rangle: '⟩', vert: '|', lvert: '|', rvert: '|', mid: '|', Vert: '‖',
  ell: 'ℓ', hbar: 'ℏ', Re: 'ℜ', Im: 'ℑ', aleph: 'ℵ', triangle: '△', square: '□', bullet: '•', oplus: '⊕', otimes: '⊗',
  lceil: '⌈', rceil: '⌉', lfloor: '⌊', rfloor: '⌋', '%': '%', '&': '&', '#': '#', _: '_', $: '$', '{': '{', '}': '}',
  ',': ' ', ';': ' ', ':': ' ', '!': '', ' ': ' ', quad: ' ', qquad: ' ', '\\': ' ', textbackslash: '\\', left: '', right: '', big: '', Big: '', bigl: '', bigr: '',
  // Switches of font and size ("{\bf x}"): the text they apply to stays.
  ...Object.fromEntries(['bf', 'it', 'rm', 'tt', 'sf', 'sc', 'sl', 'em', 'tiny', 'small', 'footnotesize', 'normalsize', 'large', 'Large', 'LARGE', 'huge', 'displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits'].map((w) => [w, ''])),
};

/** Commands whose one argument is shown as it is: fonts, boxes, operator names. */
const KEEP_ARGUMENT = new Set(['text', 'textbf', 'textit', 'textrm', 'texttt', 'textsf', 'textsc', 'textup', 'textnormal', 'emph', 'mathrm', 'mathbf', 'mathit', 'mathsf', 'mathtt', 'mathnormal', 'boldsymbol', 'bm', 'operatorname', 'mbox', 'hbox', 'underline', 'textsuperscript', 'textsubscript']);
/** Commands that put a mark over their argument's letter. */
const OVER: Record<string, string> = { hat: '\u0302', widehat: '\u0302', tilde: '\u0303', widetilde: '\u0303', bar: '\u0304', overline: '\u0305', vec: '\u20d7', dot: '\u0307', ddot: '\u0308' };

const BLACKBOARD: Record<string, string> = { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' };
const SCRIPT_GAPS: Record<string, string> = { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ' };
/** Mathematical alphanumeric letters: A at `base`, with the letters Unicode placed elsewhere. */
function styled(text: string, base: number, gaps: Record<string, string>): string {
  return [...text].map((ch) => gaps[ch] ?? (/^[A-Z]$/.test(ch) ? String.fromCodePoint(base + ch.charCodeAt(0) - 65) : ch)).join('');
}
const ALPHABETS: Record<string, (s: string) => string> = {
  mathbb: (s) => styled(s, 0x1d538, BLACKBOARD),
  mathcal: (s) => styled(s, 0x1d49c, SCRIPT_GAPS),
  mathscr: (s) => styled(s, 0x1d49c, SCRIPT_GAPS),
};

const SUPERSCRIPT: Record<string, string> = Object.fromEntries(
  [...'0123456789+-=()niaTbcdefghijklmoprstuvwxyz*'].map((c, i) => [c, [...'⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵃᵀᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻ*'][i]!]),
);
const SUBSCRIPT: Record<string, string> = Object.fromEntries([...'0123456789+-=()aehijklmnoprstuvx'].map((c, i) => [c, [...'₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ'][i]!]));

/** "^{128}" as ¹²⁸ when every character has a raised form, else as ^128 (^(a+b) when it is longer). */
function script(text: string, forms: Record<string, string>, mark: string): string {
  const chars = [...text.replace(/\s+/g, '')];
  if (chars.length && chars.every((c) => forms[c])) return chars.map((c) => forms[c]).join('');
  return chars.length > 1 ? `${mark}(${text})` : `${mark}${text}`;
}

/** One argument at `i` (a braced group or one character), and where it ends. */
function argumentAt(s: string, i: number): [string, number] {
  while (s[i] === ' ') i++;
  if (s[i] !== '{') {
    if (s[i] === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(s.slice(i));
      if (m) return [m[0], i + m[0].length];
    }
    return [s[i] ?? '', i + 1];
  }
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return [s.slice(i + 1, j), j + 1];
  }
  return [s.slice(i + 1), s.length];
}

/** TeX (math or text mode) read as Unicode text. */
function render(s: string, math: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(s.slice(i));
      if (!m) {
        i++;
        continue;
      }
      const name = m[1]!;
      i += m[0].length;
      if (KEEP_ARGUMENT.has(name) || ALPHABETS[name] || OVER[name]) {
        const [arg, end] = argumentAt(s, i);
        i = end;
        const inner = render(arg, math && !name.startsWith('text') && name !== 'emph' && name !== 'mbox' && name !== 'hbox');
        out += ALPHABETS[name] ? ALPHABETS[name](inner) : OVER[name] ? `${inner}${OVER[name]}`.normalize('NFC') : inner;
      } else if (name === 'frac') {
        const [a, afterA] = argumentAt(s, i);
        const [b, afterB] = argumentAt(s, afterA);
        i = afterB;
        const [x, y] = [render(a, true), render(b, true)];
        out += `${x.length > 1 ? `(${x})` : x}/${y.length > 1 ? `(${y})` : y}`;
      } else if (SYMBOLS[name] !== undefined) {
        out += SYMBOLS[name];
        // A control word eats the space after it ("\times 2" is "×2" in TeX too, bar the space).
        if (/^[A-Za-z]/.test(name) && s[i] === ' ' && math) i++;
      } else if (/^[A-Za-z]+$/.test(name)) {
        // An operator or a command we do not know: its name, as "\log" reads.
        out += math ? name : m[0];
      } else {
        out += name;
      }
      continue;
    }
    if (math && (c === '^' || c === '_')) {
      const [arg, end] = argumentAt(s, i + 1);
      i = end;
      out += script(render(arg, true), c === '^' ? SUPERSCRIPT : SUBSCRIPT, c);
      continue;
    }
    // Braces group, in text as in math ("G{\\"o}del", "{\\bf x}"); escaped ones were read above.
    if (c === '{' || c === '}') {
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

// Math between single (or double) dollars: not escaped, not padded inside ("$5 and $10" is
// money), on one line, of a sensible length.
const MATH = /(?<!\\)\$\$?(?=\S)([^$\n]{1,300}?)(?<=\S)\$\$?/g;
const TEXT_COMMAND = /\\(?:[A-Za-z]+|[%&#_$'`^"~=.{}])/;

/** Text and its inline math apart: [text, math, text, …], the math without its dollars. */
export function splitMath(text: string): string[] {
  return text.split(MATH);
}

/**
 * Commands a LaTeX document knows in math mode with amsmath and amssymb loaded, as nearly every
 * paper's preamble has: what a bibliography may keep of a title's math. Not those of other
 * packages (\mathscr, \bm, \degree), text-mode ones (\emph, \textsuperscript, sizes such as
 * \small, which are errors in math), nor \left without its \right.
 */
const PORTABLE_COMMANDS = new Set([
  ...Object.keys(SYMBOLS).filter((k) => /^[A-Za-z]+$/.test(k) && SYMBOLS[k] !== '' && !['textbackslash', 'degree'].includes(k)),
  ...[...KEEP_ARGUMENT].filter((k) => !['bm', 'emph', 'textsuperscript', 'textsubscript'].includes(k)),
  ...Object.keys(OVER),
  ...['displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits', 'mathbb', 'mathcal', 'frac'],
  ...['log', 'ln', 'exp', 'sin', 'cos', 'tan', 'max', 'min', 'arg', 'lim', 'sup', 'inf', 'det', 'Pr', 'dim', 'ker', 'deg', 'gcd'],
]);

/**
 * Whether inline math (without its dollars) can go into a LaTeX document as it is: printable
 * ASCII, braces that balance, known commands only, every ^ and _ with something to raise, and
 * no %, # or & (a % would comment out the rest of the line, the closing dollar with it).
 */
export function isPortableMath(math: string): boolean {
  if (!/^[\x20-\x7e]+$/.test(math)) return false;
  let depth = 0;
  let escaped = 0;
  for (let i = 0; i < math.length; i++) {
    const c = math[i]!;
    if (c === '\\') {
      const m = /^\\([A-Za-z]+|[%&#_${},;:!| ])/.exec(math.slice(i));
      if (!m || (/^[A-Za-z]/.test(m[1]!) && !PORTABLE_COMMANDS.has(m[1]!))) return false;
      // BibTeX counts \{ and \} as braces too: math kept as TeX balances them apart from its groups.
      if (m[1] === '{') escaped++;
      else if (m[1] === '}' && --escaped < 0) return false;
      i += m[0].length - 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
    else if (c === '%' || c === '#' || c === '&') return false;
    else if ((c === '^' || c === '_') && /^\s*(?:$|[\^_}])/.test(math.slice(i + 1))) return false;
  }
  return depth === 0 && escaped === 0;
}

/** Inline TeX read as text: `$V^3$` → V³, `$2.7\times$` → 2.7×, `\textbf{x}` → x, `\%` → %. Text without `$` or `\` is returned as is. */
export function readableTex(text: string): string {
  if (!text.includes('$') && !text.includes('\\')) return text;
  // Math and the text around it are read apart: what math gives ("{0,1}" from "\\{0,1\\}") is
  // no TeX to read again. The text is read as TeX when any of it is ("\\textit{x$^*$}" closes
  // its brace after the math).
  const parts = splitMath(text);
  const tex = parts.some((part, i) => i % 2 === 0 && TEXT_COMMAND.test(part));
  return parts.map((part, i) => (i % 2 === 1 ? render(part, true) : tex ? textMode(part) : part)).join('');
}

/** Text-mode TeX read as text: commands, escapes, accents and grouping braces. */
function textMode(text: string): string {
  return render(accented(text), false).replace(/ {2,}/g, ' ').normalize('NFC');
}
