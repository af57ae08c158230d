/* Measuring and fitting one slide: pure DOM, no reveal.js, no state.
 *
 * A slide whose content is taller or wider than the slide has its content
 * wrapped in <div class="deck-fit"> and that wrapper gets a CSS `zoom` below
 * 1. Zoom, unlike a transform, changes layout: text reflows into the width
 * the shrinking frees, and reveal's own centring (which reads the section's
 * scrollHeight) sees the fitted height. All measuring happens in the slide's
 * own pixels, so the result does not depend on the window size. Text is
 * never shrunk below the floor (options.minFontPx, slide pixels).
 *
 * Loaded after fit.js, it adds no global: it attaches its functions to the
 * plugin object as window.deckFit.slide, which fit.js reads when the deck
 * starts (fit.js decides when a slide is fitted; this file, how).
 *   fit(section, size, options)  fit one displayed slide, say how it came out
 *   centre(section, height)      place it as reveal's centring would
 *   isLeaf, isDisplayed, whileDisplayed(section, measure)
 */
(function (plugin) {
  "use strict";

  var LOWEST_ZOOM = 0.05; // for slides with no text at all (a picture)
  var PRECISION = 0.01;
  var INSET = 0.01; // of the slide's height, above and below a shrunk slide
  var SKIP_TEXT_IN = { SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEMPLATE: 1, ASIDE: 1 };

  function isLeaf(section) {
    return !section.querySelector("section");
  }

  function hasStretch(section) {
    return Array.prototype.some.call(section.children, function (child) {
      return child.classList.contains("r-stretch") || child.classList.contains("stretch");
    });
  }

  function fitIsOff(section, options) {
    if (!options.enabled || section.getAttribute("data-fit") === "off") return true;
    // reveal sizes .r-stretch to the room left on the slide: already fitted,
    // and it must stay a direct child of the section.
    return hasStretch(section);
  }

  function isDisplayed(element) {
    return getComputedStyle(element).display !== "none";
  }

  /* reveal hides slides far from the current one; measure them shown. */
  function whileDisplayed(section, measure) {
    var changed = [];
    for (var el = section; el && el.tagName === "SECTION"; el = el.parentElement) {
      if (!isDisplayed(el)) {
        changed.push([el, el.style.display]);
        el.style.display = "block";
      }
    }
    try {
      return measure();
    } finally {
      for (var i = changed.length - 1; i >= 0; i--) changed[i][0].style.display = changed[i][1];
    }
  }

  function wrapperOf(section) {
    var first = section.firstElementChild;
    return first && first.classList.contains("deck-fit") ? first : null;
  }

  function wrap(section) {
    var wrapper = wrapperOf(section);
    if (wrapper) return wrapper;
    wrapper = document.createElement("div");
    wrapper.className = "deck-fit";
    // Speaker notes stay a direct child of the section.
    Array.prototype.slice.call(section.childNodes).forEach(function (node) {
      if (node.nodeType === 1 && node.matches("aside.notes")) return;
      wrapper.appendChild(node);
    });
    section.insertBefore(wrapper, section.firstChild);
    return wrapper;
  }

  function setZoom(wrapper, zoom) {
    wrapper.style.zoom = zoom >= 1 ? "" : String(zoom);
  }

  function overflows(section, size) {
    return overflowRatio(section, size) > 1;
  }

  /* How far the slide overflows at its present zoom: above 1 it overflows. */
  function overflowRatio(section, size) {
    // One pixel of slack: layout rounds to whole pixels.
    return Math.max(
      (section.scrollHeight - 1) / size.height,
      (section.scrollWidth - 1) / size.width,
    );
  }

  /* The smallest font size (slide pixels, unzoomed) any word on the slide
   * has. Text the author made smaller than the floor on purpose does not
   * count: it cannot shrink, but it need not stop the rest from fitting. */
  function smallestFont(root, minFontPx) {
    var sizes = new Map();
    var smallest = Infinity;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/\S/.test(node.data)) continue;
      var parent = node.parentElement;
      if (!parent) continue;
      if (SKIP_TEXT_IN[parent.tagName] || parent.closest("aside.notes")) continue;
      var size = sizes.get(parent);
      if (size === undefined) {
        size = parseFloat(getComputedStyle(parent).fontSize) || Infinity;
        sizes.set(parent, size);
      }
      if (size >= minFontPx - 0.01 && size < smallest) smallest = size;
    }
    return smallest;
  }

  /* The largest zoom in [low, high) at which the slide fits, to within
   * PRECISION; null if none. `high` is known not to fit. Each try is a
   * layout of the slide at a new zoom (text reshaped at a new size: the
   * costly part of fitting), so the tries go where the slide's overflow,
   * nearly proportional to the zoom, says the answer is: by the line
   * through the two ends of the bracket, just under it, then one step of
   * PRECISION above what fits. Most slides take three tries where halving
   * the bracket took eight; a bracket that shrinks slowly is halved. */
  function largestFitting(section, wrapper, size, low, high, guess) {
    var bottom = low;
    var ratioAt = function (zoom) {
      setZoom(wrapper, zoom);
      return overflowRatio(section, size);
    };
    var highRatio = ratioAt(high);
    var fitting = null;
    var fittingRatio = 0;
    var next = guess > low && guess < high ? guess : low;
    var byLine = false; // whether `next` came from the line through the ends
    for (var tries = 0; tries < 40; tries++) {
      var before = high - (fitting === null ? low : fitting);
      var ratio = ratioAt(next);
      if (ratio <= 1) {
        fitting = next;
        fittingRatio = ratio;
      } else if (next <= low) {
        return null;
      } else {
        high = next;
        highRatio = ratio;
      }
      if (fitting === null) {
        next = low; // the guess overflowed: does anything fit at all?
        continue;
      }
      var span = high - fitting;
      if (span <= PRECISION) break;
      var rise = highRatio - fittingRatio;
      // A line that brought the ends less than halfway together: halve now.
      var slow = byLine && span > before / 2;
      byLine = !slow && rise > 0;
      if (byLine) {
        next = fitting + span * ((1 - fittingRatio) / rise) - PRECISION / 2;
        next = Math.min(Math.max(next, fitting + PRECISION), high - PRECISION / 4);
      } else {
        next = fitting + span / 2;
      }
    }
    // Rounded down (it must still fit), but never below the floor.
    return Math.max(Math.floor(fitting * 1000) / 1000, bottom);
  }

  /* Fit one slide, which must be displayed (see whileDisplayed), into `size`
   * (slide pixels). options: enabled, minFontPx, comfortFontPx, and
   * measureOff (say what an opted-out slide would need: only the author is
   * told, so the measuring is skipped when nobody will be). Returns
   * { status, scale, needed, smallestFontPx }; status is one of "fits",
   * "shrunk", "small" (shrunk below comfortFontPx), "cannot-fit", "off",
   * "off-overflows". */
  function fit(section, size, options) {
    var wrapper = wrapperOf(section);
    var result = { status: "fits", scale: 1, needed: 1, smallestFontPx: null };
    if (wrapper) {
      setZoom(wrapper, 1);
      wrapper.removeAttribute("data-fit-scale");
    }
    if (fitIsOff(section, options)) {
      result.status = "off";
      if (options.measureOff && overflows(section, size) && !hasStretch(section)) {
        // Not shrunk, by the author's choice; still say what it would need.
        wrapper = wrap(section);
        var wanted = largestFitting(section, wrapper, size, LOWEST_ZOOM, 1, 1);
        setZoom(wrapper, 1);
        result.status = "off-overflows";
        result.needed = wanted === null ? LOWEST_ZOOM : wanted;
      }
      return result;
    }
    if (!overflows(section, size)) return result;
    wrapper = wrap(section);
    // A shrunk slide keeps a small margin above and below: glyphs reach a
    // little past their line boxes, and text flush against the top of the
    // picture reads badly. (Sideways, blocks span the slide's width anyway.)
    var inset = Math.round(INSET * size.height);
    size = { width: size.width, height: size.height - 2 * inset };
    var font = smallestFont(wrapper, options.minFontPx);
    var floorZoom = font === Infinity ? LOWEST_ZOOM : Math.min(1, options.minFontPx / font);
    // Shrinking without reflow would fit at `guess`; reflow usually does better.
    var guess = Math.min(
      size.width / section.scrollWidth,
      size.height / section.scrollHeight,
    );
    var zoom = largestFitting(section, wrapper, size, floorZoom, 1, guess);
    if (zoom === null) {
      // Stays readable at the floor; find what it would have needed.
      var needed = largestFitting(section, wrapper, size, LOWEST_ZOOM, floorZoom, guess);
      result.status = "cannot-fit";
      result.needed = needed === null ? LOWEST_ZOOM : needed;
      zoom = floorZoom;
    } else {
      result.status = "shrunk";
      result.needed = zoom;
    }
    setZoom(wrapper, zoom);
    wrapper.setAttribute("data-fit-scale", String(zoom));
    result.scale = zoom;
    if (font !== Infinity) {
      result.smallestFontPx = Math.round(font * zoom * 10) / 10;
      if (result.status === "shrunk" && result.smallestFontPx < options.comfortFontPx) {
        result.status = "small";
      }
    }
    return result;
  }

  /* reveal centres a slide from its scrollHeight when it lays out; do the
   * same now that the height changed, so the slide need not wait for it. */
  function centre(section, height) {
    section.style.top = Math.max((height - section.scrollHeight) / 2, 0) + "px";
  }

  plugin.slide = {
    fit: fit,
    centre: centre,
    isLeaf: isLeaf,
    isDisplayed: isDisplayed,
    whileDisplayed: whileDisplayed,
  };
})(window.deckFit);
