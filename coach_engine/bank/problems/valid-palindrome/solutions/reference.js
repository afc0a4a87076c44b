/**
 * @param {string} s
 * @return {boolean}
 */
var isPalindrome = function(s) {
    const isAlnum = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const lower = (c) => (c >= 65 && c <= 90 ? c + 32 : c);
    let i = 0, j = s.length - 1;
    while (i < j) {
        const a = s.charCodeAt(i), b = s.charCodeAt(j);
        if (!isAlnum(a)) i++;
        else if (!isAlnum(b)) j--;
        else if (lower(a) !== lower(b)) return false;
        else { i++; j--; }
    }
    return true;
};
