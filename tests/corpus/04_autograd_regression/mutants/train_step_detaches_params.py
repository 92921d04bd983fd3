# mistake: turns off requires_grad to update the parameters and never turns it back on
# targets: test_train_step
# %% train_step
def train_step(x, y, w, b, lr):
    loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
    loss.backward()
    w.requires_grad_(False)
    b.requires_grad_(False)
    w -= lr * w.grad
    b -= lr * b.grad
    return loss.item()
