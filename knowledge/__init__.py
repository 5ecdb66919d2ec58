"""The agreement as data: records, loader, database layer and query API.

Pure Python: nothing here imports Rasa, the actions or the channels.
"""
