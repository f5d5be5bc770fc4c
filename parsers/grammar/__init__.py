"""The grammar of administrative Vietnamese: the words and forms that government
plans, decrees and letters are written in, one module per concern, each with its
word list in `parsers/grammar/vocab/`.

- `bodies`      body names: head nouns, whole bodies, office-holders' titles,
                collectives, acronyms; where a name opens and ends;
- `assignment`  the verbs of work, the forms that hand work to a body (`Giao X`,
                `X đề nghị Y`), cooperation (`phối hợp với`), the passive agent
                (`do X bố trí`), lead-ins, and what gives no task.

This is the lowest floor with `parsers.model`: parsers and extractors both use it,
it imports from neither. Pure: no I/O beyond its word lists, no clock.
"""
