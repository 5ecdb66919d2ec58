"""The floor bot's action server: the product's action names with constant behaviour.

Started as ``python -m rasa_sdk --actions bench.floor`` against the same model as the product, it measures
what Rasa alone costs (NLU, policies, tracker store, HTTP), so the benchmark can show what the knowledge base
and the ticket database add on top. It imports nothing from ``actions`` or ``knowledge``.
"""
