class Solution:
    def isValid(self, s: str) -> bool:
        previous = None
        while previous != s:
            previous = s
            s = s.replace("()", "").replace("[]", "").replace("{}", "")
        return s == ""
