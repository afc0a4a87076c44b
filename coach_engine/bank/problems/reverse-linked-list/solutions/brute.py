class Solution:
    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:
        new_head = new_tail = None
        while head is not None:
            before, last = None, head
            while last.next is not None:
                before, last = last, last.next
            if before is None:
                head = None
            else:
                before.next = None
            if new_head is None:
                new_head = new_tail = last
            else:
                new_tail.next = last
                new_tail = last
        return new_head
