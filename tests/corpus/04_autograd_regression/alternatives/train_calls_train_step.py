# why: reuses train_step for every step and records the values afterwards
# %% train
def train(x, y, w, b, lr, steps):
    history = []
    for _ in range(steps):
        train_step(x, y, w, b, lr)
        history.append((float(w), float(b)))
    return history
