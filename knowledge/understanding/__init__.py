"""The understanding step shared by every channel (issue 11): a message becomes a typed :class:`Frame`
(frame.py), and a decision policy (policy.py) answers, asks back, declines or hands over to the older
composer in knowledge/answers.py. Every decision carries a trace of the words and records behind it."""
