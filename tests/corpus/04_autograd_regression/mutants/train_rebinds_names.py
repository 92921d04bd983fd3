# mistake: w = (w - lr * w.grad).requires_grad_() trains a local copy; the caller's w and b stay unchanged
# targets: test_train
# %% train
def train(x, y, w, b, lr, steps):
    history = []
    for _ in range(steps):
        loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w = (w - lr * w.grad).requires_grad_()
            b = (b - lr * b.grad).requires_grad_()
        history.append((w.item(), b.item()))
    return history
