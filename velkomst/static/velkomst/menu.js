// The main menu's dropdowns (includes/menu.html) are <details> and work without this script. With
// it they behave like DKFDS's menu: one open at a time, Escape closes it (focus back on its
// button), and a click outside closes it.
document.addEventListener("DOMContentLoaded", () => {
  const dropdowns = Array.from(document.querySelectorAll(".velkomst-dropdown"));
  dropdowns.forEach((dropdown) => {
    dropdown.addEventListener("toggle", () => {
      if (dropdown.open) dropdowns.forEach((other) => { if (other !== dropdown) other.open = false; });
    });
    dropdown.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && dropdown.open) {
        dropdown.open = false;
        dropdown.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", (event) => {
    dropdowns.forEach((dropdown) => { if (!dropdown.contains(event.target)) dropdown.open = false; });
  });
});
