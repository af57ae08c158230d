/* What the author is told about how the slides were fitted.
 *
 * A slide that is shrunk below the comfortable size, cannot fit at the
 * floor, or has fitting off and runs past the edge is reported: in DEBUG as
 * a badge in the window's corner while it is shown (and an outline in the
 * overview, from data-fit-status), and in window.deckFit.report() (what
 * `manage.py check_layout` prints), one description per slide.
 *
 * Loaded after fit.js, it adds no global: it attaches to the plugin object
 * window.deckFit.slideLabel(deck, section) (a slide's "3" or "3.2") and
 * window.deckFit.reporter(deck, config, results), which
 * fit.js calls when the deck starts; `results` is its map of section ->
 * result of the last fit. It returns
 *   describe(section, result)  how one slide came out, for report()/result()
 *   show(section, result)      mark the slide just fitted, badge it if current
 *   updateBadge()              the badge for the current slide (slide change)
 */
(function (plugin) {
  "use strict";

  function isReported(result) {
    return result.status === "small" || result.status === "cannot-fit" ||
      result.status === "off-overflows";
  }

  /* "3", or "3.2" for the second slide of the third stack: how every report
   * names a slide (also math.js's and diagrams.js's). */
  plugin.slideLabel = function (deck, section) {
    var indices = deck.getIndices(section);
    var number = String(indices.h + 1);
    if (section.parentElement && section.parentElement.tagName === "SECTION") {
      number += "." + ((indices.v || 0) + 1);
    }
    return number;
  };

  plugin.reporter = function (deck, config, results) {
    function label(section) {
      return plugin.slideLabel(deck, section);
    }

    function describe(section, result) {
      return {
        file: config.file,
        line: parseInt(section.getAttribute("data-line"), 10) || null,
        slide: label(section),
        status: result.status,
        scale: result.scale,
        needed: result.needed,
        smallestFontPx: result.smallestFontPx,
        minFontPx: config.minFontPx,
        comfortFontPx: config.comfortFontPx,
      };
    }

    /* Mark the slide (the overview outlines marked slides in DEBUG) and, for
     * the current slide, say in the window's corner, outside the slide's
     * content, what the fit did and where the slide starts in the Markdown. */
    function show(section, result) {
      if (isReported(result)) section.setAttribute("data-fit-status", result.status);
      else section.removeAttribute("data-fit-status");
      if (section === deck.getCurrentSlide()) updateBadge();
    }

    function updateBadge() {
      if (!config.badges) return;
      var root = deck.getRevealElement();
      var badge = root.querySelector(":scope > .deck-fit-badge");
      var current = deck.getCurrentSlide();
      var state = current && results.get(current);
      if (!state || !isReported(state)) {
        if (badge) badge.remove();
        return;
      }
      if (!badge) {
        badge = document.createElement("div");
        badge.setAttribute("role", "status");
        root.appendChild(badge);
      }
      var info = describe(current, state);
      var where = (info.file || "slide") + (info.line ? ":" + info.line : "");
      badge.className = "deck-fit-badge deck-fit-badge--" + state.status;
      if (state.status === "off-overflows") {
        badge.textContent =
          where + " · fitting is off and the slide runs past the edge (it needs scale " +
          info.needed.toFixed(2) + ")";
      } else if (state.status === "cannot-fit") {
        badge.textContent =
          where + " · does not fit: needs scale " + info.needed.toFixed(2) +
          ", text stops at " + config.minFontPx + "px";
      } else {
        badge.textContent =
          where + " · scaled to " + info.scale.toFixed(2) + ", text down to " +
          info.smallestFontPx + "px";
      }
      badge.title = "Shown with DEBUG on only. Split the slide, or opt out with " +
        '<!-- .slide: data-fit="off" -->';
    }

    return { describe: describe, show: show, updateBadge: updateBadge };
  };
})(window.deckFit);
