# mistake: uses the tutorial's learning rate 0.001 instead of the lr argument
# targets: test_train
# %% train
def train(x, y, w, b, lr, steps):
    history = []
    for _ in range(steps):
        loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= 0.001 * w.grad
            b -= 0.001 * b.grad
            w.grad.zero_()
            b.grad.zero_()
        history.append((w.item(), b.item()))
    return history
