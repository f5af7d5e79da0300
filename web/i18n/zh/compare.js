// comparison messages (zh): key -> text; {name} marks a value filled in at run time.
export default {
};
