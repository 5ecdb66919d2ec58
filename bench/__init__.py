"""Benchmarks of the running bot (latency, throughput, start-up, memory, training, accuracy) against a floor.

``python -m bench`` (``make bench``) runs every phase and writes ``bench/results/``; ``python -m bench.soak``
(``make soak``) runs the long mixed-traffic test. Kept free of heavy imports: the floor action server
(``python -m rasa_sdk --actions bench.floor``) imports this package too.
"""
