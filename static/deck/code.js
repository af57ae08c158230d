/* Code blocks: highlight steps and the copy button.
 *
 * Steps. A fence's [1-2|3|5-7] is drawn by the renderer (deck/render/
 * highlight.py) as ONE block: its lines wrapped in <span class="line">, the
 * first step's lines already "hll", the steps in data-steps, and one empty
 * <span class="fragment deck-code-step"> per step after the first. reveal.js
 * walks those fragments like any other (arrow keys, the speaker view, follow
 * mode's fragment index, going back); this plugin only shows, for each
 * block, the step its fragments are at: the number of its step fragments
 * that are visible. The DOM does not grow with the steps (reveal.js's own
 * plugin clones the block per step), and only classes change between steps,
 * so the block keeps its size and fitting has nothing to redo.
 *
 * Copy. Each code block of the slide on screen gets a button (an accessible
 * label, reachable with Tab) that copies the code as typed: no line numbers,
 * tabs kept. The Clipboard API where the page may use it, else a hidden
 * textarea and execCommand("copy") (an export opened from file://). The
 * button holds no text node (its words are CSS content), so fitting, which
 * measures the slide's text, never sees it; none in print or PDF, none in
 * the speaker view's previews, none when front matter says copy_button: false.
 *
 * A reveal.js plugin; deck.js registers it. window.deckCode is the plugin
 * object; copyText(pre) and step(block) are for the tests.
 */
(function () {
  "use strict";

  var CONFIRM_MS = 1500;
  var options = readOptions();
  var deck = null;
  var status = null; // one live region for the page: screen readers hear "Copied"
  var parsed = new WeakMap(); // block -> its steps, parsed once

  function readOptions() {
    var element = document.getElementById("deck-code");
    var defaults = { tabSize: 4, copyButton: true };
    try {
      var read = element ? JSON.parse(element.textContent) : {};
      return { tabSize: read.tabSize || defaults.tabSize, copyButton: read.copyButton !== false };
    } catch (error) {
      console.error("deck-code: unreadable options", error);
      return defaults;
    }
  }

  /* ---- steps ---- */

  // "1-2|3|*|" -> [[[1,2]], [[3,3]], "*", []] (the renderer wrote it, clipped
  // to the block's lines: the grammar is deck/render/line_specs.py's).
  function stepsOf(block) {
    var steps = parsed.get(block);
    if (steps) return steps;
    steps = (block.getAttribute("data-steps") || "").split("|").map(function (step) {
      if (step === "*") return step;
      return step === "" ? [] : step.split(",").map(function (range) {
        var ends = range.split("-");
        var first = parseInt(ends[0], 10);
        return [first, ends.length > 1 ? parseInt(ends[1], 10) : first];
      });
    });
    parsed.set(block, steps);
    return steps;
  }

  function markers(block) {
    return Array.prototype.filter.call(block.children, function (child) {
      return child.classList.contains("deck-code-step");
    });
  }

  // The step a block is at: how many of its step fragments reveal shows.
  function step(block) {
    return markers(block).filter(function (marker) {
      return marker.classList.contains("visible");
    }).length;
  }

  function show(block) {
    var steps = stepsOf(block);
    var at = Math.min(step(block), steps.length - 1);
    if (block.deckStep === at) return;
    block.deckStep = at;
    var ranges = steps[at];
    var lines = block.querySelectorAll("code > .line");
    // Which lines the step names, in time linear in its ranges and the lines.
    var marks = new Int32Array(lines.length + 2);
    if (ranges === "*") {
      marks[1] = 1;
    } else {
      ranges.forEach(function (range) {
        if (range[0] > lines.length) return;
        marks[Math.max(range[0], 1)] += 1;
        marks[Math.min(range[1], lines.length) + 1] -= 1;
      });
    }
    var running = 0;
    for (var i = 0; i < lines.length; i++) {
      running += marks[i + 1];
      lines[i].classList.toggle("hll", running > 0);
    }
    block.classList.toggle("has-highlights", ranges === "*" || ranges.length > 0);
  }

  function showSteps(root) {
    if (!root) return;
    root.querySelectorAll(".deck-code[data-steps]").forEach(show);
  }

  function onFragments(event) {
    (event.fragments || [event.fragment]).forEach(function (fragment) {
      if (fragment && fragment.classList.contains("deck-code-step")) show(fragment.parentNode);
    });
  }

  /* ---- copy ---- */

  // The code as typed: the text of the <pre> without line numbers or the
  // button, and without the newline the highlighter ends every block with.
  function copyText(pre) {
    var clone = pre.cloneNode(true);
    clone.querySelectorAll(".linenos, .deck-copy").forEach(function (node) {
      node.remove();
    });
    return clone.textContent.replace(/\n$/, "");
  }

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    var focused = document.activeElement;
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    area.remove();
    if (focused && focused.focus) focused.focus();
    return done;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithTextarea(text); }
      );
    }
    return Promise.resolve(copyWithTextarea(text));
  }

  function announce(words) {
    if (!status) {
      status = document.createElement("div");
      status.className = "deck-copy-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = words;
  }

  function onCopy(event) {
    var button = event.currentTarget;
    event.stopPropagation(); // a click on the button is not a click on the slide
    copy(copyText(button.parentNode)).then(function (done) {
      button.setAttribute("data-state", done ? "copied" : "failed");
      button.setAttribute("aria-label", done ? "Copied" : "Copy failed: select the code instead");
      announce(done ? "Code copied" : "Copy failed");
      clearTimeout(button.deckTimer);
      button.deckTimer = setTimeout(function () {
        button.removeAttribute("data-state");
        button.setAttribute("aria-label", "Copy code");
      }, CONFIRM_MS);
    });
  }

  function addButtons(section) {
    if (!section || !options.copyButton || deck.isPrintView() || deck.isSpeakerNotes()) return;
    section.querySelectorAll("pre").forEach(function (pre) {
      if (pre.closest("aside.notes") || pre.querySelector(":scope > .deck-copy")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "deck-copy";
      button.setAttribute("aria-label", "Copy code");
      button.title = "Copy code";
      button.addEventListener("click", onCopy);
      pre.insertBefore(button, pre.firstChild);
    });
  }

  /* ---- when ---- */

  var queued = false;
  function refreshSoon() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () {
      queued = false;
      refresh();
    });
  }

  function refresh() {
    var section = deck.getCurrentSlide();
    showSteps(section);
    addButtons(section);
  }

  var plugin = {
    id: "deck-code",
    options: options,
    copyText: copyText,
    step: step,
    init: function (reveal) {
      deck = reveal;
      deck.on("fragmentshown", onFragments);
      deck.on("fragmenthidden", onFragments);
      deck.on("slidechanged", refresh);
      deck.on("ready", refresh);
      // Print view: every page is a slide at one of its fragment steps.
      deck.on("pdf-ready", function () { showSteps(deck.getRevealElement()); });
      // A live edit replaces a slide's contents without a deck event.
      var slides = deck.getSlidesElement();
      if (slides && window.MutationObserver) {
        new MutationObserver(refreshSoon).observe(slides, { childList: true, subtree: true });
      }
      if (deck.isReady()) refresh();
    },
  };

  window.deckCode = plugin;
})();
