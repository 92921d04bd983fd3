# mistake: a do-while loop (step, record, then test), so steps=0 still takes one step and records it
# targets: test_train
# %% train
def train(x, y, w, b, lr, steps):
    history = []
    while True:
        loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
            w.grad.zero_()
            b.grad.zero_()
        history.append((w.item(), b.item()))
        if len(history) >= steps:
            return history
