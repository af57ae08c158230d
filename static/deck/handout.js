/* Handout pages for the PDF export (manage.py export_deck --pdf --handout):
 * each slide with its speaker notes beneath it, for students.
 *
 * reveal.js's print view (showNotes) lays the notes over the bottom of the
 * slide, or on a page of their own; a handout reads better with the slide
 * above and its notes below, on one sheet. The PDF export runs this once the
 * print view is ready and fitted: every sheet is the slide's page plus a
 * notes area; notes longer than the area run onto more sheets rather than
 * being cut. Returns the sheets' height.
 */
window.deckHandout = function (notesShare) {
  "use strict";
  var config = Reveal.getConfig();
  var size = Reveal.getComputedSlideSize(window.innerWidth, window.innerHeight);
  var pageWidth = Math.floor(size.width * (1 + config.margin));
  var pageHeight = Math.floor(size.height * (1 + config.margin));
  var sheetHeight = pageHeight + Math.round(pageHeight * notesShare);
  var style = document.createElement("style");
  style.textContent = "@page{size:" + pageWidth + "px " + sheetHeight + "px;margin:0}";
  document.head.appendChild(style);
  document.querySelectorAll(".reveal .slides .pdf-page").forEach(function (page) {
    var slideHeight = page.offsetHeight - config.pdfPageHeightOffset;
    var notes = page.querySelector(".speaker-notes-pdf");
    if (!notes) {
      notes = document.createElement("div");
      notes.className = "deck-handout-notes deck-handout-empty";
      page.appendChild(notes);
    }
    notes.classList.add("deck-handout-notes");
    // In the flow below the slide (not positioned, so long notes break
    // across sheets): the page's padding holds the slide's place.
    page.style.boxSizing = "border-box";
    page.style.paddingTop = slideHeight + "px";
    notes.style.cssText =
      "position:static;display:block;box-sizing:border-box;width:" + pageWidth + "px;" +
      "min-height:" + (sheetHeight - slideHeight) + "px;";
    var count = Math.max(Math.ceil((slideHeight + notes.offsetHeight) / sheetHeight), 1);
    page.style.height = sheetHeight * count + config.pdfPageHeightOffset + "px";
  });
  return sheetHeight;
};
