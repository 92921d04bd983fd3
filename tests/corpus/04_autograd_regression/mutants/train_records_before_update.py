# mistake: records (w, b) before the update, so the history is shifted by one step
# targets: test_train
# %% train
def train(x, y, w, b, lr, steps):
    history = []
    for _ in range(steps):
        history.append((w.item(), b.item()))
        loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
            w.grad.zero_()
            b.grad.zero_()
    return history
