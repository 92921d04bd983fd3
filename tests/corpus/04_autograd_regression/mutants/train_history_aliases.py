# mistake: appends the tensors w and b themselves, which keep changing in place
# targets: test_train
# %% train
def train(x, y, w, b, lr, steps):
    history = []
    for _ in range(steps):
        loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
            w.grad.zero_()
            b.grad.zero_()
        history.append((w, b))
    return history
