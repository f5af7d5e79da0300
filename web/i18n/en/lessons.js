// lesson panel messages (en): key -> text; {name} marks a value filled in at run time.
// The lessons' own text lives in their files (web/lessons/).
export default {
};
