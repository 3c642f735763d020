// Upload form: check the limits before sending (the server checks them again) and say
// that analysis is under way, since it can take a while.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload");
  if (!form) return;
  const problem = form.querySelector(".client-error");
  form.addEventListener("submit", (event) => {
    const files = Array.from(form.elements.files.files);
    const pasted = form.elements.text.value.trim() !== "";
    const maxFile = Number(form.dataset.maxFile), maxItems = Number(form.dataset.maxItems);
    const maxRequest = Number(form.dataset.maxRequest);
    const mb = (n) => (n / 1048576).toFixed(1) + " MB";
    let message = "";
    const big = files.find((f) => f.size > maxFile);
    if (!files.length && !pasted) message = "Choose files or paste an article first.";
    else if (files.length + pasted > maxItems) message = `At most ${maxItems} files at a time.`;
    else if (big) message = `${big.name} is ${mb(big.size)}; the limit is ${mb(maxFile)} a file.`;
    else if (files.reduce((n, f) => n + f.size, 0) > maxRequest) message = `Together the files pass ${mb(maxRequest)}.`;
    if (message) {
      event.preventDefault();
      problem.textContent = message;
      problem.hidden = false;
      return;
    }
    problem.hidden = true;
    form.querySelector(".busy").hidden = false;
    form.querySelector("button[type=submit]").disabled = true;
  });
});
