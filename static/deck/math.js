/* TeX formulas typeset with the vendored KaTeX, before the deck is shown.
 *
 * The renderer (deck/render/extensions/math.py) writes each formula as its
 * TeX in <span class="arithmatex">\(…\)</span> (inline) or \[…\] (display,
 * a <div>, or a span inside a sentence). This plugin typesets them all in
 * its init, which reveal.js runs before the deck is ready: slides are not
 * displayed before then, so no raw TeX is ever seen, and deck-fit measures
 * typeset formulas. KaTeX writes HTML for the eye (selectable text) and
 * MathML beside it for screen readers.
 *
 * A formula KaTeX cannot parse shows its source and KaTeX's message in its
 * place (never a blank) and is listed by problems(), which
 * `manage.py check_layout` prints with file and line. Formulas a live edit
 * brings in are typeset as they arrive (a MutationObserver), then refitted.
 *
 * Its one entry point, window.deckMath, is the plugin object:
 *   problems()     [{line, slide, kind: "formula", source, message}]
 *   render(root)   typeset the formulas under root not yet typeset
 */
(function () {
  "use strict";

  var SELECTOR = ".arithmatex";
  var DELIMITERS = /^\s*\\([([])([\s\S]*)\\([)\]])\s*$/;
  var broken = []; // elements showing a formula that could not be parsed
  var deck = null;

  function parse(text) {
    var match = DELIMITERS.exec(text);
    if (!match) return { tex: text, display: false };
    return { tex: match[2], display: match[1] === "[" };
  }

  function typeset(element) {
    if (element.hasAttribute("data-math")) return false;
    var source = element.textContent;
    var formula = parse(source);
    try {
      katex.render(formula.tex, element, {
        displayMode: formula.display,
        throwOnError: true,
        output: "htmlAndMathml",
        strict: "ignore",
      });
      element.setAttribute("data-math", "ok");
    } catch (error) {
      if (!(error instanceof katex.ParseError)) throw error;
      showError(element, formula.tex, error.message);
    }
    return true;
  }

  /* The formula's TeX as typed, and why it could not be typeset. */
  function showError(element, source, message) {
    element.textContent = "";
    element.setAttribute("data-math", "error");
    element.setAttribute("data-math-message", message);
    var code = document.createElement("code");
    code.className = "deck-math-source";
    code.textContent = source;
    var why = document.createElement("span");
    why.className = "deck-math-message";
    why.setAttribute("role", "note");
    why.textContent = message;
    element.appendChild(code);
    element.appendChild(why);
    broken.push(element);
  }

  function render(root) {
    var found = (root || document).querySelectorAll(SELECTOR);
    var changed = false;
    for (var i = 0; i < found.length; i++) {
      // Speaker notes stay TeX: the speaker view shows their HTML in a page
      // of its own, without KaTeX's stylesheet or fonts.
      if (found[i].closest("aside.notes")) continue;
      changed = typeset(found[i]) || changed;
    }
    return changed;
  }

  function problems() {
    return broken
      .filter(function (element) { return element.isConnected; })
      .map(function (element) {
        var section = element.closest("section");
        return {
          line: section ? parseInt(section.getAttribute("data-line"), 10) || null : null,
          slide: section ? window.deckFit.slideLabel(deck, section) : "",
          kind: "formula",
          source: element.querySelector(".deck-math-source").textContent,
          message: element.getAttribute("data-math-message"),
        };
      });
  }

  /* A live edit swaps slides' contents: typeset what it brought, refit. */
  function watch(slides) {
    if (!window.MutationObserver) return;
    new MutationObserver(function () {
      if (!render(slides)) return;
      var fit = deck.getPlugin("deck-fit");
      if (fit && deck.isReady()) fit.refit();
    }).observe(slides, { childList: true, subtree: true });
  }

  function init(revealDeck) {
    deck = revealDeck;
    var slides = deck.getSlidesElement();
    render(slides);
    watch(slides);
  }

  window.deckMath = { id: "deck-math", init: init, render: render, problems: problems };
})();
