# mistake: squares the data in place (x.pow_(2)), so the caller's x is changed by every step
# targets: test_train_step
# %% train_step
def train_step(x, y, w, b, lr):
    loss = (0.5 * (x.pow_(2).mm(w) + b - y) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return loss.item()
