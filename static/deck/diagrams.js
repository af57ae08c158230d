/* Mermaid diagrams drawn with the vendored Mermaid, before the deck is shown.
 *
 * The renderer (deck/render/extensions/diagrams.py) writes each ```mermaid
 * block as its source in <pre class="deck-diagram">. This plugin's init
 * draws them all, one after the other (Mermaid measures text in the page, so
 * drawings must not interleave), and returns a Promise that reveal.js waits
 * on before the deck is ready: slides are not displayed until then, and
 * deck-fit measures the drawn diagrams. Each SVG gets its natural size in
 * slide pixels; diagrams.css bounds it by the slide, as a picture is.
 *
 * Themed from the reveal.js theme: Mermaid's dark theme on a dark
 * background, its default on a light one, in the theme's font.
 *
 * A source Mermaid cannot parse stays on the slide with Mermaid's message
 * under it and is listed by problems(), which `manage.py check_layout`
 * prints with file and line.
 *
 * Its one entry point, window.deckDiagrams, is the plugin object:
 *   problems()   [{line, slide, kind: "diagram", source, message}]
 *   render(root) a Promise: the diagrams under root not yet drawn are drawn
 */
(function () {
  "use strict";

  var SELECTOR = "pre.deck-diagram:not([data-diagram-state])";
  var broken = [];
  var deck = null;
  var counter = 0;
  var queue = Promise.resolve(); // drawings, one at a time

  function luminance(color) {
    var match = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(color || "");
    if (!match) return 1;
    return (0.299 * match[1] + 0.587 * match[2] + 0.114 * match[3]) / 255;
  }

  /* The theme's background: the viewport's (where reveal themes paint it). */
  function isDark() {
    // reveal.js themes name their background in a custom property on :root.
    var named = getComputedStyle(document.documentElement).getPropertyValue("--r-background-color");
    if (named && named.trim()) {
      var probe = document.createElement("span");
      probe.style.color = named.trim();
      document.body.appendChild(probe);
      var resolved = getComputedStyle(probe).color;
      probe.remove();
      return luminance(resolved) < 0.5;
    }
    var candidates = [document.querySelector(".reveal-viewport"), document.body];
    for (var i = 0; i < candidates.length; i++) {
      if (!candidates[i]) continue;
      var background = getComputedStyle(candidates[i]).backgroundColor;
      if (background && !/rgba\(.*,\s*0\)$/.test(background) && background !== "transparent") {
        return luminance(background) < 0.5;
      }
    }
    return false;
  }

  function configure() {
    var reveal = document.querySelector(".reveal");
    var font = reveal ? getComputedStyle(reveal).fontFamily : "sans-serif";
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      suppressErrorRendering: true,
      theme: isDark() ? "dark" : "default",
      themeVariables: { fontFamily: font, fontSize: "20px" },
      flowchart: { useMaxWidth: false },
      sequence: { useMaxWidth: false },
      gantt: { useMaxWidth: false },
      class: { useMaxWidth: false },
      state: { useMaxWidth: false },
      er: { useMaxWidth: false },
      pie: { useMaxWidth: false },
      journey: { useMaxWidth: false },
      mindmap: { useMaxWidth: false },
      timeline: { useMaxWidth: false },
    });
  }

  /* The SVG at its natural size (its viewBox), which the CSS then bounds. */
  function naturalSize(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    if (!box || !box.width || !box.height) return;
    svg.setAttribute("width", String(Math.ceil(box.width)));
    svg.setAttribute("height", String(Math.ceil(box.height)));
    svg.style.maxWidth = "";
  }

  function draw(pre) {
    var source = pre.textContent;
    var id = "deck-diagram-" + ++counter;
    pre.setAttribute("data-diagram-state", "drawing");
    return mermaid.render(id, source).then(
      function (result) {
        var figure = document.createElement("div");
        figure.className = "deck-diagram-figure";
        figure.setAttribute("data-diagram-state", "ok");
        figure.innerHTML = result.svg; // Mermaid's own output, securityLevel strict
        var svg = figure.querySelector("svg");
        if (svg) naturalSize(svg);
        pre.replaceWith(figure);
      },
      function (error) {
        showError(pre, error);
        // Mermaid may leave its scratch element in the body after a failure.
        var scratch = document.getElementById("d" + id);
        if (scratch) scratch.remove();
      },
    );
  }

  function showError(pre, error) {
    var message = String((error && (error.message || error.str)) || error || "cannot be drawn");
    pre.setAttribute("data-diagram-state", "error");
    pre.setAttribute("data-diagram-message", message);
    var why = document.createElement("div");
    why.className = "deck-diagram-message";
    why.setAttribute("role", "note");
    why.textContent = message;
    pre.insertAdjacentElement("afterend", why);
    broken.push(pre);
  }

  function render(root) {
    var found = Array.prototype.slice.call((root || document).querySelectorAll(SELECTOR));
    found.forEach(function (pre) {
      queue = queue.then(function () { return draw(pre); });
    });
    // Never rejects: reveal.js would wait for a rejected plugin for ever.
    queue = queue.catch(function (error) { console.error("deck-diagrams:", error); });
    return queue.then(function () { return found.length > 0; });
  }

  function problems() {
    return broken
      .filter(function (pre) { return pre.isConnected; })
      .map(function (pre) {
        var section = pre.closest("section");
        return {
          line: section ? parseInt(section.getAttribute("data-line"), 10) || null : null,
          slide: section ? window.deckFit.slideLabel(deck, section) : "",
          kind: "diagram",
          source: pre.textContent,
          message: pre.getAttribute("data-diagram-message"),
        };
      });
  }

  /* A live edit swaps slides' contents: draw what it brought, refit. */
  function watch(slides) {
    if (!window.MutationObserver) return;
    new MutationObserver(function () {
      if (!slides.querySelector(SELECTOR)) return;
      render(slides).then(function (drew) {
        var fit = deck.getPlugin("deck-fit");
        if (drew && fit && deck.isReady()) fit.refit();
      });
    }).observe(slides, { childList: true, subtree: true });
  }

  function init(revealDeck) {
    deck = revealDeck;
    configure();
    var slides = deck.getSlidesElement();
    return render(slides).then(function () { watch(slides); });
  }

  window.deckDiagrams = { id: "deck-diagrams", init: init, render: render, problems: problems };
})();
